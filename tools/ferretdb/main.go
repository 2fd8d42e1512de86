// Command ferretdb-embed runs FerretDB v1.24 (SQLite storage) for Linli's
// development and tests. The upstream command needs generated build files that
// `go install` does not produce, so we embed the library instead.
//
// FerretDB itself listens on a private Unix socket; clients reach it through a
// proxy on 127.0.0.1 that runs write commands one at a time (see proxy.go), so
// concurrent updates of one document are not lost.
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

	// Bind the public port first so a port conflict fails before anything starts.
	public, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		fail(err)
	}

	sockDir, err := privateSocketDir()
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(sockDir)
	sock := filepath.Join(sockDir, sockName)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		_ = os.RemoveAll(sockDir)
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

	// MongoDBURI blocks until FerretDB's listener is bound, so it doubles as a
	// readiness signal; only then do we accept clients.
	go func() {
		_ = f.MongoDBURI()
		if conn, err := net.DialTimeout("unix", sock, 2*time.Second); err == nil {
			_ = conn.Close()
		}
		go newProxy(sock, logger).serve(ctx, public)
		fmt.Printf("READY mongodb://%s/\n", public.Addr().String())
	}()

	err = <-done
	_ = public.Close()
	if err != nil && ctx.Err() == nil {
		_ = os.RemoveAll(sockDir)
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-embed:", err)
	os.Exit(1)
}
