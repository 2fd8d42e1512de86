package main

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

const (
	sockDirPattern = "ferretdb-embed-"
	sockName       = "ferretdb.sock"
)

// privateSocketDir makes a fresh 0700 directory for FerretDB's Unix socket,
// so nobody else can connect to FerretDB around the proxy. It first removes
// the directories of wrappers that were killed without cleaning up (SIGKILL).
func privateSocketDir() (string, error) {
	sweepStaleSocketDirs()
	return os.MkdirTemp("", sockDirPattern)
}

func sweepStaleSocketDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), sockDirPattern+"*"))
	for _, dir := range dirs {
		info, err := os.Lstat(dir)
		if err != nil || !info.IsDir() {
			continue
		}
		sock := filepath.Join(dir, sockName)
		if _, err := os.Lstat(sock); err != nil {
			// no socket yet: a wrapper may be starting; leave it unless it is old
			if time.Since(info.ModTime()) > time.Hour {
				_ = os.Remove(dir)
			}
			continue
		}
		conn, err := net.DialTimeout("unix", sock, time.Second)
		if err == nil {
			_ = conn.Close()
			continue
		}
		if errors.Is(err, syscall.ECONNREFUSED) {
			_ = os.RemoveAll(dir)
		}
	}
}
