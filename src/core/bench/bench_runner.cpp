// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <limits>
#include <mutex>
#include <random>
#include <span>

#include "core/bench/run_crew.hpp"
#include "core/bench/workspace.hpp"
#include "core/log/log.hpp"

namespace vmstick::bench {
namespace {

namespace fs = std::filesystem;

struct RunOutcome {
  std::uint64_t bytes{0};
  std::uint64_t ops{0};
  double seconds{0};
  std::vector<double> latencies;  // seconds, only when the phase asks
  std::optional<Error> error;
};

struct RunSpec {
  const Phase* phase;
  std::uint64_t file_bytes;
  std::uint64_t start_offset;  // sequential runs begin here and wrap
  std::uint64_t max_bytes;
  double max_seconds;
  std::uint64_t seed;
};

// One request buffer per queue slot, filled with incompressible data (some
// controllers compress or deduplicate zeros). Made once per phase, not per
// run: filling them (and, on Linux, faulting in a huge page each) took about
// a millisecond between runs, and this machine's virtio disk answers the
// first request after even 1 ms without one 50-70 us late, after 5 ms
// 200-300 us (docs/speed-test.md) -- a cost every run of 8 requests paid.
std::vector<IoBuffer> request_buffers(BenchIo& io, const Phase& ph, std::uint64_t seed) {
  std::vector<IoBuffer> buffers;
  buffers.reserve(ph.queue_depth);
  for (unsigned i = 0; i < ph.queue_depth; ++i) {
    buffers.push_back(io.buffer(ph.block));
    std::mt19937_64 rng(seed * 1000003u + i);
    for (std::size_t b = 0; b + 8 <= ph.block; b += 8) {
      const std::uint64_t v = rng();
      std::memcpy(buffers.back().data() + b, &v, 8);
    }
  }
  return buffers;
}

// One timed run: queue_depth threads share a request counter; each claims
// the next request until the byte cap, the time cap, cancel or an error.
// Writes are followed by a flush inside the timed region, so a buffered
// fallback cannot report the speed of RAM.
RunOutcome timed_run(BenchIo& io, BenchFile& file, const RunSpec& spec, std::span<const IoBuffer> buffers,
                     RunCrew& crew, const CancelToken& cancel) {
  const Phase& ph = *spec.phase;
  const std::uint64_t blocks_in_file = spec.file_bytes / ph.block;
  const std::uint64_t max_requests = spec.max_bytes / ph.block;
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  unsigned finished = 0;  // threads done with this run (under mu)
  RunOutcome out;

  if (ph.op == Op::Read) {
    if (auto st = file.drop_cache(); !st) {
      out.error = st.error();
      return out;
    }
  }
  // The crew's threads already exist and wait; the clock starts when all of
  // them are waiting, so no thread's start-up is timed.
  double start = 0;
  // Latency vectors are allocated here, on the calling thread, so an
  // allocation failure is an exception run_bench() turns into an Error
  // rather than one that terminates a worker thread.
  std::vector<std::vector<double>> latencies(ph.queue_depth);
  if (ph.record_latency) {
    for (auto& l : latencies) l.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(max_requests, 1u << 20)));
  }
  auto worker = [&](unsigned thread_index) {
    const IoBuffer& buf = buffers[thread_index];
    std::vector<double>& lat = latencies[thread_index];
    std::mt19937_64 rng(spec.seed * 7919u + thread_index);
    std::uniform_int_distribution<std::uint64_t> pick(0, blocks_in_file - 1);
    std::uint64_t bytes = 0;
    std::uint64_t ops = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      if (cancel.cancelled()) {
        stop = true;
        break;
      }
      const std::uint64_t n = next.fetch_add(1, std::memory_order_relaxed);
      if (n >= max_requests) break;
      const double t0 = io.now();
      // Request 0 always runs: a starved scheduler must not turn a run into
      // "no requests" and so into a failure.
      if (n > 0 && t0 - start >= spec.max_seconds) break;
      const std::uint64_t offset = ph.pattern == Pattern::Sequential
                                       ? (spec.start_offset + n * ph.block) % (blocks_in_file * ph.block)
                                       : pick(rng) * ph.block;
      Status st = ph.op == Op::Write ? file.write_at(offset, buf.bytes()) : file.read_at(offset, buf.bytes());
      if (!st) {
        std::lock_guard lock(mu);
        if (!out.error) out.error = st.error();
        stop = true;
        break;
      }
      if (ph.record_latency) lat.push_back(io.now() - t0);
      bytes += ph.block;
      ++ops;
    }
    std::lock_guard lock(mu);
    out.bytes += bytes;
    out.ops += ops;
    if (++finished < ph.queue_depth) return;
    // The last thread to finish flushes at once and stops the clock. Handed
    // to the calling thread, the flush waited for that thread (and the crew)
    // to wake up, inside the timed region: on this machine's 2-CPU VM, QD8
    // writes read 0.84-0.85 x fio that way and 0.88 this way (interleaved
    // series, docs/speed-test.md). All writes have completed by now, so the
    // flush still covers every byte of the run.
    if (!out.error && ph.op == Op::Write && out.bytes > 0) {
      if (auto st = file.flush(); !st) out.error = st.error();
    }
    out.seconds = io.now() - start;
  };

  crew.run(worker, [&] { start = io.now(); });
  for (const auto& l : latencies) out.latencies.insert(out.latencies.end(), l.begin(), l.end());
  return out;
}

Error cancelled_error(const fs::path& target) {
  return make_error(ErrorCode::Cancelled, "The speed test was cancelled; its temp file was removed.", target.string());
}

Error vanished_error(const fs::path& where) {
  return make_error(ErrorCode::Io,
                    "The speed test's file or folder vanished during the test (was the drive removed?).",
                    where.string());
}

class Runner {
 public:
  Runner(BenchIo& io, const fs::path& target, const Plan& plan, const CancelToken& cancel, const ProgressFn& progress)
      : io_(io), target_(target), plan_(plan), cancel_(cancel), progress_(progress) {}

  Result<BenchResult> run() {
    const double t0 = io_.now();
    if (auto st = check_target(); !st) return st.error();
    auto ws = Workspace::create(io_, target_);
    if (!ws) return ws.error();
    Result<BenchResult> r = measure(ws->test_file());
    // The file handle is closed inside measure(); now the folder can go.
    Status removed = ws->remove();
    if (!r) {
      // The user is owed the wear even when there are no figures.
      Error e = r.error();
      e.message += fmt::format(" {:.1f} MiB had been written.", static_cast<double>(written_) / kMiB);
      if (!removed) e.message += " Its temp folder could not be removed either: " + removed.error().describe();
      return e;
    }
    if (!removed) r->caveats.push_back("The temp folder could not be removed: " + removed.error().describe());
    r->duration_s = io_.now() - t0;
    return r;
  }

 private:
  Status check_target() {
    std::error_code ec;
    const auto st = fs::status(target_, ec);
    if (!fs::exists(st)) {
      return make_error(ErrorCode::NotFound, "The folder to test does not exist.", target_.string());
    }
    if (!fs::is_directory(st)) {
      return make_error(ErrorCode::InvalidArgument,
                        "The speed test needs a folder on the drive (for example its mount point), not a file or device.",
                        target_.string());
    }
    if (plan_.file_bytes < kMiB || plan_.file_bytes % kMiB != 0 || plan_.phases.empty()) {
      return make_error(ErrorCode::InvalidArgument, "The speed test's file size must be a whole number of MiB.");
    }
    for (const Phase& p : plan_.phases) {
      if (p.block == 0 || p.block % kAlign != 0 || p.block > 64 * kMiB || plan_.file_bytes % p.block != 0 || p.runs == 0 ||
          p.queue_depth == 0 || p.queue_depth > 256) {
        return make_error(ErrorCode::InvalidArgument, "The speed test's plan is malformed.", p.id);
      }
    }
    for (const fs::path& gone : clean_litter(io_, target_)) {
      log::get("bench")->info("removed leftovers of a killed speed test: {}", gone.string());
    }
    auto free = io_.free_bytes(target_);
    const std::uint64_t need = plan_.file_bytes + plan_.free_margin_bytes;
    if (!free && free.error().code == ErrorCode::NotSupported) {
      // Nothing to check against; a full drive still ends in a clean ENOSPC error.
      early_caveats_.push_back("The free space could not be checked before the test: " + free.error().describe());
    } else if (!free) {
      return free.error();
    } else if (*free < need) {
      return make_error(ErrorCode::Io,
                        fmt::format("Not enough free space for the speed test: it needs {} MiB, the drive has {} MiB free.",
                                    need / kMiB, *free / kMiB),
                        target_.string());
    }
    return Ok{};
  }

  void report(std::string_view step) {
    if (!progress_) return;
    const double total = plan_.time_budget_seconds();
    progress_(step, total > 0 ? std::min(done_seconds_ / total, 1.0) : -1.0);
  }

  Result<BenchResult> measure(const fs::path& file_path) {
    auto file = io_.create(file_path, plan_.file_bytes);
    if (!file) return file.error();
    BenchResult res;
    res.target = target_;
    res.method = (*file)->method();
    res.fallback_reason = (*file)->fallback_reason();
    res.caveats = early_caveats_;
    if (res.method == IoMethod::FlushBounded) {
      res.caveats.push_back("The filesystem refused direct I/O (" + res.fallback_reason +
                            "); figures come from buffered I/O bounded by a flush and are less exact.");
    }
    Status st = sustained(**file, res);
    for (std::size_t i = 0; st && i < plan_.phases.size(); ++i) st = phase(**file, plan_.phases[i], i, res);
    res.bytes_written = written_;
    res.bytes_read = read_;
    if (!st) return st.error();
    report("done");
    return res;
  }

  Status account(const RunOutcome& o, const Phase& p, BenchFile& file) {
    (p.op == Op::Write ? written_ : read_) += o.bytes;
    if (cancel_.cancelled()) return cancelled_error(target_);
    if (o.error) {
      if (!file.still_present()) return vanished_error(target_);
      Error e = *o.error;
      e.message = p.label + " failed: " + e.message;
      return e;
    }
    if (!file.still_present()) return vanished_error(target_);
    return Ok{};
  }

  // Writes the file front to back (so later reads find real data, not holes)
  // and keeps going, wrapping around, until the sustained budget: the rate
  // per window shows whether the drive's fast cache ran out.
  Status sustained(BenchFile& file, BenchResult& res) {
    Phase p;
    p.id = "sustained_write";
    p.label = "Sustained write (filling the test file)";
    p.op = Op::Write;
    // One request at a time, front to back: concurrent writes into a fresh
    // file let the filesystem allocate blocks in arrival order, and the
    // fragmented file then reads slower than the drive really is.
    p.queue_depth = 1;
    const std::uint64_t window = std::max<std::uint64_t>(plan_.sustained_window / p.block, 1) * p.block;
    res.sustained_window = window;
    const std::vector<IoBuffer> buffers = request_buffers(io_, p, 7919u);
    RunCrew crew(p.queue_depth);
    const double start = io_.now();
    std::uint64_t done = 0;
    unsigned index = 0;
    report(p.label);
    for (;;) {
      const bool filled = done >= plan_.file_bytes;
      if (filled && (done >= plan_.sustained_bytes || io_.now() - start >= plan_.sustained_seconds)) break;
      RunSpec spec{&p, plan_.file_bytes, done % plan_.file_bytes, window, std::numeric_limits<double>::infinity(), 7919u + index++};
      RunOutcome o = timed_run(io_, file, spec, buffers, crew, cancel_);
      if (auto st = account(o, p, file); !st) return st;
      if (o.bytes < window) break;  // nothing else stops a run short
      res.sustained_mbps.push_back(o.seconds > 0 ? static_cast<double>(o.bytes) / 1e6 / o.seconds : 0);
      done += o.bytes;
      seq_cursor_ = done % plan_.file_bytes;
      done_seconds_ = std::min(io_.now() - start, plan_.sustained_seconds);
      report(p.label);
    }
    done_seconds_ = plan_.sustained_seconds;
    res.cliff = find_cliff(res.sustained_mbps, window);
    return Ok{};
  }

  Status phase(BenchFile& file, const Phase& p, std::size_t index, BenchResult& res) {
    std::vector<double> rates;
    std::vector<double> latencies;
    const std::vector<IoBuffer> buffers = request_buffers(io_, p, 31u * (index + 1));
    RunCrew crew(p.queue_depth);
    // One run of the figure's requests, its bytes accounted for. Sequential
    // runs go on where the last one stopped, through the whole file, as a
    // sequential benchmark does: three runs rewriting the same first
    // megabytes met warm caches (this machine's virtio disk wrote them 8-14 %
    // faster than fresh ones) and so measured those caches.
    auto one_run = [&](std::uint64_t bytes, double seconds, std::uint64_t seed) -> Result<RunOutcome> {
      report(p.label);
      const bool seq = p.pattern == Pattern::Sequential;
      RunSpec spec{&p, plan_.file_bytes, seq ? seq_cursor_ : 0, bytes, seconds, seed};
      RunOutcome o = timed_run(io_, file, spec, buffers, crew, cancel_);
      if (auto st = account(o, p, file); !st) return st.error();
      if (seq) seq_cursor_ = (seq_cursor_ + o.bytes) % plan_.file_bytes;
      return o;
    };
    if (p.ramp_bytes() > 0) {
      // Not part of the figure. On this machine's virtio disk a QD8 write
      // figure read 10 % higher after it than without (docs/speed-test.md).
      if (auto o = one_run(p.ramp_bytes(), plan_.ramp_seconds, 31u * (index + 1) + p.runs); !o) return o.error();
      done_seconds_ += plan_.ramp_seconds;
    }
    for (unsigned run = 0; run < p.runs; ++run) {
      auto measured = one_run(p.bytes_per_run, p.seconds_per_run, 31u * (index + 1) + run);
      if (!measured) return measured.error();
      const RunOutcome& o = *measured;
      if (o.ops == 0 || o.seconds <= 0) {
        return make_error(ErrorCode::Io, p.label + " completed no request within its time limit.", target_.string());
      }
      rates.push_back(p.pattern == Pattern::Sequential ? static_cast<double>(o.bytes) / 1e6 / o.seconds
                                                       : static_cast<double>(o.ops) / o.seconds);
      latencies.insert(latencies.end(), o.latencies.begin(), o.latencies.end());
      done_seconds_ += p.seconds_per_run;
    }
    Figure f;
    f.id = p.id;
    f.label = p.label;
    f.unit = p.pattern == Pattern::Sequential ? "MB/s" : "IOPS";
    f.value = spread_of(rates);
    if (p.pattern == Pattern::Sequential) {
      f.speed_class = classify_sequential_mbps(f.value.median);
    } else {
      f.speed_class = p.op == Op::Read ? classify_random_read_iops(f.value.median) : classify_random_write_iops(f.value.median);
    }
    if (f.value.relative() > 0.25) {
      res.caveats.push_back(fmt::format("{} varied by {:.0f} % between runs; the median is quoted.", p.label,
                                        f.value.relative() * 100));
    }
    res.figures.push_back(std::move(f));
    if (p.record_latency && !latencies.empty()) {
      res.write_latency = Latency{percentile(latencies, 50) * 1e3, percentile(latencies, 99) * 1e3,
                                  percentile(latencies, 100) * 1e3, latencies.size()};
    }
    return Ok{};
  }

  BenchIo& io_;
  const fs::path target_;
  const Plan& plan_;
  const CancelToken& cancel_;
  const ProgressFn& progress_;
  std::vector<std::string> early_caveats_;
  std::uint64_t written_{0};
  std::uint64_t read_{0};
  double done_seconds_{0};
  std::uint64_t seq_cursor_{0};  // where the next sequential run starts
};

}  // namespace

std::string_view to_string(IoMethod m) {
  return m == IoMethod::Direct ? "direct" : "flush_bounded";
}

Result<BenchResult> run_bench(BenchIo& io, const fs::path& target, const Plan& plan, const CancelToken& cancel,
                              const ProgressFn& progress) {
  try {
    return Runner(io, target, plan, cancel, progress).run();
  } catch (const std::exception& e) {
    // Thread creation or allocation failure: still an error, never a crash.
    return make_error(ErrorCode::Io, std::string("The speed test stopped: ") + e.what(), target.string());
  }
}

}  // namespace vmstick::bench
