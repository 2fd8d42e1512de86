package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"go.mongodb.org/mongo-driver/x/bsonx/bsoncore"
)

// MongoDB wire protocol framing, just enough to route messages: every message
// starts with a 16-byte header (length, requestID, responseTo, opCode).
// https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/

const (
	headerLen = 16

	opQuery = 2004
	opMsg   = 2013

	flagChecksumPresent = 1 << 0
	flagMoreToCome      = 1 << 1

	// MongoDB's maxMessageSizeBytes is 48,000,000; anything larger is garbage.
	maxMessageLen = 48_000_000
)

// message is one whole wire message, header included.
type message []byte

func (m message) opCode() int32 { return int32(binary.LittleEndian.Uint32(m[12:16])) }

// msgFlags returns the OP_MSG flag bits (0 for other op codes).
func (m message) msgFlags() uint32 {
	if m.opCode() != opMsg || len(m) < headerLen+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(m[headerLen : headerLen+4])
}

// moreToCome: a request with it expects no reply; a reply with it is followed by more replies.
func (m message) moreToCome() bool { return m.msgFlags()&flagMoreToCome != 0 }

// readMessage reads one whole message.
func readMessage(r io.Reader) (message, error) {
	var h [headerLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := int32(binary.LittleEndian.Uint32(h[0:4]))
	if n < headerLen || n > maxMessageLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	m := make(message, n)
	copy(m, h[:])
	if _, err := io.ReadFull(r, m[headerLen:]); err != nil {
		return nil, err
	}
	return m, nil
}

// withReplyRequested returns an OP_MSG with moreToCome cleared (and its
// checksum dropped, since the flags it covers change), so that the server
// answers and we learn when the command has finished.
func withReplyRequested(m message) message {
	flags := m.msgFlags()
	out := append(message(nil), m...)
	if flags&flagChecksumPresent != 0 && len(out) >= headerLen+8 {
		out = out[:len(out)-4]
	}
	flags &^= flagMoreToCome | flagChecksumPresent
	binary.LittleEndian.PutUint32(out[0:4], uint32(len(out)))
	binary.LittleEndian.PutUint32(out[headerLen:headerLen+4], flags)
	return out
}

// commandDocument returns the command document of an OP_MSG (its kind-0
// section) or of an OP_QUERY, or an error if there is none or it is malformed.
func commandDocument(m message) (bsoncore.Document, error) {
	switch m.opCode() {
	case opMsg:
		body := m[headerLen:]
		if len(body) < 4 {
			return nil, errors.New("short OP_MSG")
		}
		flags := binary.LittleEndian.Uint32(body[:4])
		sections := body[4:]
		if flags&flagChecksumPresent != 0 {
			if len(sections) < 4 {
				return nil, errors.New("short OP_MSG checksum")
			}
			sections = sections[:len(sections)-4]
		}
		for len(sections) > 0 {
			kind := sections[0]
			sections = sections[1:]
			if len(sections) < 4 {
				return nil, errors.New("short OP_MSG section")
			}
			size := int(int32(binary.LittleEndian.Uint32(sections[:4])))
			if size < 5 || size > len(sections) {
				return nil, errors.New("invalid OP_MSG section size")
			}
			switch kind {
			case 0:
				doc := bsoncore.Document(sections[:size])
				return doc, doc.Validate()
			case 1: // document sequence: size, identifier, documents
			default:
				return nil, fmt.Errorf("unknown OP_MSG section kind %d", kind)
			}
			sections = sections[size:]
		}
		return nil, errors.New("OP_MSG without a body section")

	case opQuery:
		// flags int32, fullCollectionName cstring, numberToSkip int32, numberToReturn int32, query document
		body := m[headerLen:]
		if len(body) < 4 {
			return nil, errors.New("short OP_QUERY")
		}
		rest := body[4:]
		end := -1
		for i, b := range rest {
			if b == 0 {
				end = i
				break
			}
		}
		if end < 0 || len(rest) < end+1+8+5 {
			return nil, errors.New("short OP_QUERY")
		}
		rest = rest[end+1+8:]
		size := int(int32(binary.LittleEndian.Uint32(rest[:4])))
		if size < 5 || size > len(rest) {
			return nil, errors.New("invalid OP_QUERY document size")
		}
		doc := bsoncore.Document(rest[:size])
		return doc, doc.Validate()
	}
	return nil, fmt.Errorf("op code %d carries no command", m.opCode())
}

// readOnlyCommands never change stored data, so they need not wait for writes.
// Everything else (insert, update, delete, findAndModify, create, drop,
// createIndexes, unknown commands, ...) is serialised.
var readOnlyCommands = map[string]bool{
	"find": true, "aggregate": true, "count": true, "distinct": true,
	"getMore": true, "killCursors": true, "explain": true,
	"hello": true, "isMaster": true, "ismaster": true, "ping": true,
	"buildInfo": true, "buildinfo": true, "listCommands": true,
	"listCollections": true, "listIndexes": true, "listDatabases": true,
	"getParameter": true, "getCmdLineOpts": true, "hostInfo": true,
	"endSessions": true, "dbStats": true, "collStats": true, "dataSize": true,
	"serverStatus": true, "connectionStatus": true, "getLog": true,
	"whatsmyuri": true, "saslStart": true, "saslContinue": true,
	"getFreeMonitoringStatus": true,
}

// isWrite tells whether a request may change stored data and must therefore
// run alone. Anything it cannot parse counts as a write: being wrong that way
// only costs a little concurrency.
func isWrite(m message) bool {
	doc, err := commandDocument(m)
	if err != nil {
		return true
	}
	first, err := doc.IndexErr(0)
	if err != nil {
		return true
	}
	name := first.Key()
	if !readOnlyCommands[name] {
		return true
	}
	if name == "aggregate" {
		return aggregateWrites(doc)
	}
	return false
}

// aggregateWrites reports a pipeline that writes its result ($out, $merge).
func aggregateWrites(doc bsoncore.Document) bool {
	v, err := doc.LookupErr("pipeline")
	if err != nil {
		return true
	}
	pipeline, ok := v.ArrayOK()
	if !ok {
		return true
	}
	stages, err := pipeline.Values()
	if err != nil {
		return true
	}
	for _, s := range stages {
		stage, ok := s.DocumentOK()
		if !ok {
			return true
		}
		op, err := stage.IndexErr(0)
		if err != nil {
			return true
		}
		if k := op.Key(); k == "$out" || k == "$merge" {
			return true
		}
	}
	return false
}
