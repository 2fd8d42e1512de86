// Command ferretdb-embed runs FerretDB v1.24 (SQLite storage) for Linli's
// development and tests. The upstream command needs generated build files that
// `go install` does not produce, so we embed the library instead.
//
// It listens on 127.0.0.1 only, prints "READY <uri>" once the listener is up,
// and exits when its stdin closes (its parent died) or on SIGINT/SIGTERM.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 27017, "TCP port on 127.0.0.1")
	dataDir := flag.String("data", "data/ferretdb", "SQLite data directory")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin reaches EOF")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail(err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	addr := fmt.Sprintf("127.0.0.1:%d", *port)
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI blocks until the listener is bound, so it doubles as a
	// readiness signal and reports the real port when -port is 0.
	go func() {
		uri := f.MongoDBURI()
		conn, err := net.DialTimeout("tcp", strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/"), 2*time.Second)
		if err == nil {
			conn.Close()
		}
		fmt.Printf("READY %s\n", uri)
	}()

	if err := <-done; err != nil && ctx.Err() == nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-embed:", err)
	os.Exit(1)
}
