package main

import (
	"bytes"
	"encoding/binary"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/x/bsonx/bsoncore"
)

func newOpMsg(t *testing.T, flags uint32, doc bsoncore.Document) message {
	t.Helper()
	body := binary.LittleEndian.AppendUint32(nil, flags)
	body = append(body, 0)
	body = append(body, doc...)
	if flags&flagChecksumPresent != 0 {
		body = append(body, 0xde, 0xad, 0xbe, 0xef)
	}
	h := make([]byte, headerLen)
	binary.LittleEndian.PutUint32(h[0:4], uint32(headerLen+len(body)))
	binary.LittleEndian.PutUint32(h[4:8], 7)
	binary.LittleEndian.PutUint32(h[12:16], opMsg)
	return append(h, body...)
}

func cmd(name string, extra ...func(*bsoncore.DocumentBuilder)) bsoncore.Document {
	b := bsoncore.NewDocumentBuilder().AppendString(name, "coll")
	for _, e := range extra {
		e(b)
	}
	return b.Build()
}

func pipeline(stages ...string) func(*bsoncore.DocumentBuilder) {
	return func(b *bsoncore.DocumentBuilder) {
		arr := bsoncore.NewArrayBuilder()
		for _, s := range stages {
			arr.AppendDocument(bsoncore.NewDocumentBuilder().AppendDocument(s, bsoncore.NewDocumentBuilder().Build()).Build())
		}
		b.AppendArray("pipeline", arr.Build())
	}
}

func TestIsWrite(t *testing.T) {
	cases := []struct {
		name string
		msg  message
		want bool
	}{
		{"find", newOpMsg(t, 0, cmd("find")), false},
		{"hello", newOpMsg(t, 0, cmd("hello")), false},
		{"getMore", newOpMsg(t, 0, cmd("getMore")), false},
		{"aggregate reading", newOpMsg(t, 0, cmd("aggregate", pipeline("$match", "$sort"))), false},
		{"aggregate with $out", newOpMsg(t, 0, cmd("aggregate", pipeline("$match", "$out"))), true},
		{"aggregate with $merge", newOpMsg(t, 0, cmd("aggregate", pipeline("$merge"))), true},
		{"aggregate without a pipeline", newOpMsg(t, 0, cmd("aggregate")), true},
		{"update", newOpMsg(t, 0, cmd("update")), true},
		{"findAndModify", newOpMsg(t, 0, cmd("findAndModify")), true},
		{"delete", newOpMsg(t, 0, cmd("delete")), true},
		{"insert", newOpMsg(t, 0, cmd("insert")), true},
		{"unknown command", newOpMsg(t, 0, cmd("somethingNew")), true},
		{"find with a checksum", newOpMsg(t, flagChecksumPresent, cmd("find")), false},
		{"garbage", message(append(make([]byte, 12), 0xdd, 0x07, 0, 0, 1, 2)), true},
	}
	for _, c := range cases {
		if got := isWrite(c.msg); got != c.want {
			t.Errorf("%s: isWrite = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestWithReplyRequestedClearsMoreToComeAndChecksum(t *testing.T) {
	m := newOpMsg(t, flagMoreToCome|flagChecksumPresent, cmd("insert"))
	out := withReplyRequested(m)
	if out.moreToCome() || out.msgFlags()&flagChecksumPresent != 0 {
		t.Fatalf("flags still set: %b", out.msgFlags())
	}
	if int(binary.LittleEndian.Uint32(out[0:4])) != len(out) || len(out) != len(m)-4 {
		t.Fatalf("length %d, header says %d, original %d", len(out), binary.LittleEndian.Uint32(out[0:4]), len(m))
	}
	if !m.moreToCome() {
		t.Fatal("the original message was modified")
	}
	doc, err := commandDocument(out)
	if err != nil || doc.Index(0).Key() != "insert" {
		t.Fatalf("command lost: %v", err)
	}
}

// fakeServer answers every message with an empty OP_MSG after a short delay,
// recording how many requests it was handling at once.
func fakeServer(t *testing.T, path string, busy, peak *int32) {
	t.Helper()
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				for {
					req, err := readMessage(c)
					if err != nil {
						return
					}
					n := atomic.AddInt32(busy, 1)
					for {
						p := atomic.LoadInt32(peak)
						if n <= p || atomic.CompareAndSwapInt32(peak, p, n) {
							break
						}
					}
					time.Sleep(5 * time.Millisecond)
					atomic.AddInt32(busy, -1)
					reply := newOpMsg(t, 0, bsoncore.NewDocumentBuilder().AppendDouble("ok", 1).Build())
					binary.LittleEndian.PutUint32(reply[8:12], binary.LittleEndian.Uint32(req[4:8]))
					if _, err := c.Write(reply); err != nil {
						return
					}
				}
			}()
		}
	}()
}

// run sends n requests from n connections at once through a proxy and
// returns the most the backend handled at the same time.
func run(t *testing.T, n int, msg message) int32 {
	t.Helper()
	var busy, peak int32
	sock := t.TempDir() + "/s"
	fakeServer(t, sock, &busy, &peak)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(sock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	go p.serve(t.Context(), ln)

	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			for range 3 {
				if _, err := c.Write(msg); err != nil {
					t.Error(err)
					return
				}
				reply, err := readMessage(c)
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(reply[8:12], msg[4:8]) {
					t.Error("reply does not answer the request")
				}
			}
		}()
	}
	wg.Wait()
	return atomic.LoadInt32(&peak)
}

func TestWritesRunOneAtATimeAcrossConnections(t *testing.T) {
	if peak := run(t, 20, newOpMsg(t, 0, cmd("update"))); peak != 1 {
		t.Fatalf("writes overlapped: %d at once", peak)
	}
}

func TestReadsRunConcurrently(t *testing.T) {
	if peak := run(t, 20, newOpMsg(t, 0, cmd("find"))); peak < 2 {
		t.Fatalf("reads were serialised: peak %d", peak)
	}
}
