// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A modelled drive for the speed-test engine: every request advances a
// simulated clock by latency + size / rate, one request at a time (like a
// USB Bulk-Only stick, which has no command queue). Writes past
// cliff_after_bytes run at the slower rate, as when a stick's cache fills.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/bench/bench_io.hpp"

namespace vmstick::test {

struct DriveModel {
  double read_mbps{200};
  double write_mbps{100};
  double write_mbps_after_cliff{100};
  std::uint64_t cliff_after_bytes{UINT64_MAX};
  double read_latency_s{0.0002};
  double write_latency_s{0.001};
  bool refuse_direct{false};
  std::uint64_t free_bytes{UINT64_MAX / 2};
  std::uint64_t fail_write_after_bytes{UINT64_MAX};  // then every write fails with EIO
  std::uint64_t vanish_after_bytes{UINT64_MAX};      // then still_present() is false
  // Real time each read takes outside the lock, so concurrent requests
  // overlap and the queue depth the engine keeps can be observed.
  std::chrono::microseconds read_wall_time{0};
  std::chrono::microseconds write_wall_time{0};  // the same for writes
};

struct FakeLog {
  std::mutex mu;
  double clock{1000};
  std::uint64_t written{0};
  std::uint64_t read{0};
  std::uint64_t max_end_offset{0};
  std::map<std::uint64_t, unsigned> writes_at;  // offset -> writes there
  unsigned drops{0};
  unsigned flushes{0};
  bool misaligned{false};
  // Buffers the backend handed out (start -> size), and whether a request
  // used memory that did not come from there.
  std::map<const void*, std::size_t> buffers;
  unsigned buffers_made{0};
  // Every thread that made a request, by a number of its own (std::thread::id
  // values may come back once a thread has ended).
  std::set<unsigned> request_threads;
  std::set<unsigned> flush_threads;  // the same numbering
  bool foreign_buffer{false};
  std::atomic<unsigned> in_flight{0};
  std::atomic<unsigned> max_in_flight{0};
  std::atomic<unsigned> writes_in_flight{0};  // counted only with write_wall_time
  std::vector<unsigned> writes_in_flight_at_flush;  // one entry per flush
  std::uint64_t written_since_flush{0};
  // Per thread (thread_serial), the clock when its last request completed,
  // until it reads the clock: see FakeBenchIo::now().
  std::map<unsigned, double> completion_seen;
};

// A number of the calling thread's own (std::thread::id values may come back
// once a thread has ended).
inline unsigned thread_serial() {
  static std::atomic<unsigned> made{0};
  thread_local const unsigned serial = ++made;
  return serial;
}

class FakeBenchFile final : public bench::BenchFile {
 public:
  FakeBenchFile(const DriveModel& m, FakeLog& log) : m_(m), log_(log) {}
  bench::IoMethod method() const override {
    return m_.refuse_direct ? bench::IoMethod::FlushBounded : bench::IoMethod::Direct;
  }
  std::string fallback_reason() const override { return m_.refuse_direct ? "fake refuses direct I/O" : ""; }
  Status write_at(std::uint64_t offset, std::span<const std::byte> data) override {
    if (m_.write_wall_time.count() > 0) {
      ++log_.writes_in_flight;
      std::this_thread::sleep_for(m_.write_wall_time);
      --log_.writes_in_flight;
    }
    std::lock_guard lock(log_.mu);
    check_alignment(offset, data.data(), data.size());
    if (log_.written >= m_.fail_write_after_bytes) {
      return make_error(ErrorCode::Io, "Writing the speed test's file failed: Input/output error.", "fake");
    }
    const double rate = log_.written >= m_.cliff_after_bytes ? m_.write_mbps_after_cliff : m_.write_mbps;
    log_.clock += m_.write_latency_s + static_cast<double>(data.size()) / (rate * 1e6);
    log_.completion_seen[thread_serial()] = log_.clock;
    log_.written += data.size();
    log_.written_since_flush += data.size();
    ++log_.writes_at[offset];
    log_.max_end_offset = std::max(log_.max_end_offset, offset + data.size());
    return Ok{};
  }
  Status read_at(std::uint64_t offset, std::span<std::byte> data) override {
    if (m_.read_wall_time.count() > 0) {
      const unsigned now_in_flight = ++log_.in_flight;
      unsigned seen = log_.max_in_flight.load();
      while (now_in_flight > seen && !log_.max_in_flight.compare_exchange_weak(seen, now_in_flight)) {
      }
      std::this_thread::sleep_for(m_.read_wall_time);
      --log_.in_flight;
    }
    std::lock_guard lock(log_.mu);
    check_alignment(offset, data.data(), data.size());
    log_.clock += m_.read_latency_s + static_cast<double>(data.size()) / (m_.read_mbps * 1e6);
    log_.completion_seen[thread_serial()] = log_.clock;
    log_.read += data.size();
    log_.max_end_offset = std::max(log_.max_end_offset, offset + data.size());
    return Ok{};
  }
  Status flush() override {
    std::lock_guard lock(log_.mu);
    ++log_.flushes;
    log_.flush_threads.insert(thread_serial());
    log_.writes_in_flight_at_flush.push_back(log_.writes_in_flight.load());
    log_.written_since_flush = 0;
    return Ok{};
  }
  Status drop_cache() override {
    std::lock_guard lock(log_.mu);
    ++log_.drops;
    return Ok{};
  }
  bool still_present() const override {
    std::lock_guard lock(log_.mu);
    return log_.written < m_.vanish_after_bytes;
  }

 private:
  void check_alignment(std::uint64_t offset, const void* p, std::size_t n) {
    log_.request_threads.insert(thread_serial());
    if (offset % 4096 || n % 4096 || reinterpret_cast<std::uintptr_t>(p) % 4096) log_.misaligned = true;
    const auto it = log_.buffers.find(p);
    if (it == log_.buffers.end() || it->second != n) log_.foreign_buffer = true;
  }
  const DriveModel& m_;
  FakeLog& log_;
};

class FakeBenchIo final : public bench::BenchIo {
 public:
  explicit FakeBenchIo(DriveModel m = {}) : m_(m) {}
  Result<std::unique_ptr<bench::BenchFile>> create(const std::filesystem::path& file, std::uint64_t size) override {
    // Leave a real (empty) file so the engine's cleanup has something to remove.
    std::ofstream(file).put('x');
    created_size = size;
    return std::unique_ptr<bench::BenchFile>(std::make_unique<FakeBenchFile>(m_, log));
  }
  Result<std::uint64_t> free_bytes(const std::filesystem::path&) override { return m_.free_bytes; }
  bool process_alive(std::int64_t pid) override { return alive.count(pid) > 0; }
  std::int64_t current_pid() override { return 4242; }
  std::uint64_t created_size{0};  // what the engine said it would write into its file
  // A thread that has just made a request reads the clock as it stood at
  // that request's completion, as a real thread reading its clock at once
  // would: the modelled time of requests other threads made meanwhile (the
  // clock advances only by requests) is not time this thread waited. Which
  // run a completion belongs to then depends on the model, not on how the
  // threads were scheduled.
  double now() override {
    std::lock_guard lock(log.mu);
    const auto seen = log.completion_seen.find(thread_serial());
    if (seen == log.completion_seen.end()) return log.clock;
    const double t = seen->second;
    log.completion_seen.erase(seen);
    return t;
  }
  bench::IoBuffer buffer(std::size_t size) override {
    bench::IoBuffer b = bench::heap_io_buffer(size);
    std::lock_guard lock(log.mu);
    log.buffers[b.data()] = size;  // a freed address handed out again is overwritten
    ++log.buffers_made;
    return b;
  }

  DriveModel m_;
  FakeLog log;
  std::set<std::int64_t> alive;
};

}  // namespace vmstick::test
