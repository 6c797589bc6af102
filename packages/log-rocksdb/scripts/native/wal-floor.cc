// What RocksDB itself reaches on this disk, with no Node.js in the path: the p50/p99 of a synced single
// put through the C++ API with the WAL as this package configures it (point-in-time recovery) and with
// a recycled WAL (which RocksDB allows only with kSkipAnyCorruptedRecords), beside the raw fdatasync of
// 128 B overwritten in place and appended to a growing file. Cases alternate in ROUNDS rounds, so a
// drifting disk biases none of them. Build and run with ./wal-floor.sh [dir]; see the package README.
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {
constexpr int kRounds = 4;
constexpr int kPutsPerRound = 2000;
constexpr int kFloorSyncsPerRound = 1000;
constexpr int kValueBytes = 140;  // a 128 B entry with its record header, as the store writes it
constexpr int kFloorBytes = 128;

double nowUs() {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string summary(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  char text[64];
  std::snprintf(text, sizeof text, "p50 %4.0f p99 %5.0f", samples[samples.size() / 2], samples[samples.size() * 99 / 100]);
  return text;
}

void check(const rocksdb::Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::exit(1);
  }
}

rocksdb::DB* openDb(const std::string& path, bool recycle) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.write_buffer_size = 4 << 20;
  if (recycle) {
    // RocksDB 7.x sanitizes recycle_log_file_num to 0 under every other recovery mode (db_impl_open.cc).
    options.recycle_log_file_num = 4;
    options.wal_recovery_mode = rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords;
  } else {
    options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  }
  rocksdb::DB* db = nullptr;
  check(rocksdb::DB::Open(options, path, &db), "open");
  return db;
}

// Writes and flushes enough that the WAL has rolled over a few times: a recycled WAL exists only after
// an older one became obsolete. Both databases get the same treatment.
void rollWal(rocksdb::DB* db) {
  const std::string block(4096, 'y');
  char key[32];
  rocksdb::WriteOptions unsynced;
  for (int flush = 0; flush < 4; flush++) {
    for (int i = 0; i < 1500; i++) {
      std::snprintf(key, sizeof key, "fill%02d%07d", flush, i);
      check(db->Put(unsynced, key, block), "fill");
    }
    check(db->Flush(rocksdb::FlushOptions()), "flush");
  }
}

std::vector<double> syncedPuts(rocksdb::DB* db, int& next) {
  rocksdb::WriteOptions synced;
  synced.sync = true;
  const std::string value(kValueBytes, 'x');
  char key[32];
  std::vector<double> samples;
  for (int i = 0; i < kPutsPerRound; i++) {
    std::snprintf(key, sizeof key, "e%012d", next++);
    const double start = nowUs();
    check(db->Put(synced, key, value), "put");
    samples.push_back(nowUs() - start);
  }
  return samples;
}

std::vector<double> fdatasyncFloor(const std::string& path, bool append) {
  const int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) {
    std::perror("open floor file");
    std::exit(1);
  }
  const std::string block(kFloorBytes, 'z');
  std::vector<double> samples;
  for (int i = 0; i < kFloorSyncsPerRound; i++) {
    const double start = nowUs();
    if (pwrite(fd, block.data(), block.size(), append ? off_t(i) * kFloorBytes : 0) != kFloorBytes || fdatasync(fd) != 0) {
      std::perror("floor write");
      std::exit(1);
    }
    samples.push_back(nowUs() - start);
  }
  close(fd);
  return samples;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: wal-floor <empty directory>\n");
    return 2;
  }
  const std::string dir = argv[1];
  rocksdb::DB* pointInTime = openDb(dir + "/point-in-time", false);
  rocksdb::DB* recycled = openDb(dir + "/recycled", true);
  rollWal(pointInTime);
  rollWal(recycled);
  std::printf("RocksDB %d.%d.%d C++ API, synced single put of %d B, µs\n", ROCKSDB_MAJOR, ROCKSDB_MINOR, ROCKSDB_PATCH, kValueBytes);
  int next = 0;
  for (int round = 0; round < kRounds; round++) {
    const auto a = syncedPuts(pointInTime, next);
    const auto b = syncedPuts(recycled, next);
    const auto overwrite = fdatasyncFloor(dir + "/floor", false);
    const auto append = fdatasyncFloor(dir + "/floor", true);
    std::printf("point-in-time WAL %s | recycled WAL %s | fdatasync overwrite %s | append %s\n", summary(a).c_str(),
                summary(b).c_str(), summary(overwrite).c_str(), summary(append).c_str());
  }
  delete pointInTime;
  delete recycled;
  return 0;
}
