#!/bin/sh
# Builds and runs wal-floor.cc against Debian's RocksDB (apt-get install -y g++ librocksdb-dev).
# Not part of npm test. Usage: packages/log-rocksdb/scripts/native/wal-floor.sh [parent dir, default /tmp]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${1:-/tmp}/raftbus-wal-floor-XXXXXX")
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++17 -o "$work/wal-floor" "$here/wal-floor.cc" -lrocksdb
mkdir "$work/data"
"$work/wal-floor" "$work/data"
