package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
)

// writeGate gives MongoDB's single-document atomicity on top of FerretDB 1.24,
// which applies update, findAndModify and delete as "read the document, compute
// in Go, write it back" with no check in between (FerretDB issue 3040), so two
// connections updating one document at once lose one of the updates.
//
// Every request that may write holds the gate from the moment it is sent to
// FerretDB until its last reply has come back, so writes run one at a time
// across all connections. Reads never take it. SQLite admits one writer at a
// time anyway, so little throughput is lost.
type writeGate struct{ mu sync.Mutex }

// proxy accepts MongoDB clients on a public listener and relays each of their
// connections to FerretDB's private Unix socket, one request at a time.
type proxy struct {
	backend string // Unix socket path of the embedded FerretDB
	gate    *writeGate
	log     *slog.Logger

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func newProxy(backend string, log *slog.Logger) *proxy {
	return &proxy{backend: backend, gate: new(writeGate), log: log, conns: map[net.Conn]struct{}{}}
}

// serve accepts clients until ctx ends, then closes the listener and every relayed connection.
func (p *proxy) serve(ctx context.Context, ln net.Listener) {
	go func() {
		<-ctx.Done()
		_ = ln.Close()
		p.mu.Lock()
		for c := range p.conns {
			_ = c.Close()
		}
		p.mu.Unlock()
	}()
	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				p.log.Error("accept failed", slog.Any("err", err))
			}
			return
		}
		go p.relay(client)
	}
}

func (p *proxy) track(c net.Conn, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
}

// relay serves one client connection. MongoDB drivers send a request and wait
// for its reply before sending the next on the same connection, which is what
// FerretDB assumes as well, so a plain request/reply loop keeps their order.
func (p *proxy) relay(client net.Conn) {
	p.track(client, true)
	defer p.track(client, false)
	defer client.Close()

	server, err := net.Dial("unix", p.backend)
	if err != nil {
		p.log.Error("cannot reach FerretDB", slog.Any("err", err))
		return
	}
	p.track(server, true)
	defer p.track(server, false)
	defer server.Close()

	fromClient := bufio.NewReaderSize(client, 64<<10)
	fromServer := bufio.NewReaderSize(server, 64<<10)
	for {
		req, err := readMessage(fromClient)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				p.log.Debug("client read", slog.Any("err", err))
			}
			return
		}
		if err := p.exchange(req, server, fromServer, client); err != nil {
			p.log.Debug("relay stopped", slog.Any("err", err))
			return
		}
	}
}

// exchange sends one request and relays its replies. A write holds the gate
// until its last reply has arrived; the replies are written to the client only
// after the gate is released, so a slow client cannot stall other writers.
func (p *proxy) exchange(req message, server io.Writer, fromServer io.Reader, client io.Writer) error {
	// A request with moreToCome (an unacknowledged write) gets no reply, so
	// we would not know when it has finished: ask for a reply and drop it.
	silent := req.opCode() == opMsg && req.moreToCome()
	if silent {
		req = withReplyRequested(req)
	}

	write := isWrite(req)
	if write {
		p.gate.mu.Lock()
	}
	replies, err := p.roundTrip(req, server, fromServer, client, write || silent)
	if write {
		p.gate.mu.Unlock()
	}
	if err != nil {
		return err
	}
	if silent {
		return nil
	}
	for _, r := range replies {
		if _, err := client.Write(r); err != nil {
			return err
		}
	}
	return nil
}

// roundTrip sends req and reads replies until one without moreToCome. Replies
// are buffered when hold is set and streamed to the client otherwise (an
// exhaust cursor may send replies for as long as it likes).
func (p *proxy) roundTrip(req message, server io.Writer, fromServer io.Reader, client io.Writer, hold bool) ([]message, error) {
	if _, err := server.Write(req); err != nil {
		return nil, err
	}
	var held []message
	for {
		reply, err := readMessage(fromServer)
		if err != nil {
			return nil, err
		}
		if hold {
			held = append(held, reply)
		} else if _, err := client.Write(reply); err != nil {
			return nil, err
		}
		if !reply.moreToCome() {
			return held, nil
		}
	}
}
