// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
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

// One run of a figure: the requests that completed within it and its time
// (see timed_stream).
struct RunOutcome {
  std::uint64_t bytes{0};
  std::uint64_t ops{0};
  double seconds{0};
  std::vector<double> latencies;  // seconds, only when the phase asks
};

// What the runs of one stream have in common: where sequential requests
// begin (they wrap at the file's end) and the seed of random offsets.
struct StreamSpec {
  const Phase* phase;
  std::uint64_t file_bytes;
  std::uint64_t start_offset;
  std::uint64_t seed;
};

// One run's caps: it stops at whichever comes first.
struct RunCaps {
  std::uint64_t max_bytes;
  double max_seconds;
};

struct StreamOutcome {
  std::vector<RunOutcome> runs;  // one per RunCaps
  std::uint64_t bytes{0};        // every request that completed, for the wear count
  std::optional<Error> error;
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

// A figure's runs as one steady stream: queue_depth threads keep taking
// requests, and the runs are consecutive stretches of its completions, so the
// queue does not empty between runs, as in fio's runs and in a VM's steady
// I/O. (Separate runs each drained the queue and refilled it from empty,
// which cost QD8 writes 5-12 % against fio on this machine's virtio disk:
// docs/speed-test.md, "Where the QD8 write gap came from".) A run ends at the
// completion that reaches its cap (its share of the requests, or its time).
// For writes that thread flushes at once, which covers every write credited
// to the run so far; no new request starts until the flush returns, as in
// fio, and the few already in flight that complete meanwhile are credited to
// the ending run and covered by the next flush. The run's time ends when the
// flush returns and the next run's begins. The last run stops the claims,
// waits for what is in flight and flushes. A completion is credited to the
// run whose time holds the moment its thread saw it: a thread descheduled
// between its request's return and the lock would otherwise give the next run
// a request whose time the run before it had counted. A thread that claimed
// a request and was descheduled before making it holds up no run.
StreamOutcome timed_stream(BenchIo& io, BenchFile& file, const StreamSpec& spec, std::span<const RunCaps> caps,
                           std::span<const IoBuffer> buffers, RunCrew& crew, const CancelToken& cancel) {
  const Phase& ph = *spec.phase;
  const std::uint64_t blocks_in_file = spec.file_bytes / ph.block;
  const bool writes = ph.op == Op::Write;
  auto requests = [&](std::size_t r) { return std::max<std::uint64_t>(caps[r].max_bytes / ph.block, 1); };
  std::uint64_t max_claims = 0;  // the wear bound: every cap together, never more
  for (std::size_t r = 0; r < caps.size(); ++r) max_claims += requests(r);
  StreamOutcome out;
  out.runs.resize(caps.size());

  if (ph.op == Op::Read) {
    if (auto st = file.drop_cache(); !st) {
      out.error = st.error();
      return out;
    }
  }
  // Latency vectors are allocated here, on the calling thread, so an
  // allocation failure is an exception run_bench() turns into an Error
  // rather than one that terminates a worker thread.
  std::vector<std::vector<std::vector<double>>> latencies(ph.queue_depth);
  if (ph.record_latency) {
    for (auto& per_thread : latencies) {
      per_thread.resize(caps.size());
      for (std::size_t r = 0; r < caps.size(); ++r) {
        per_thread[r].reserve(static_cast<std::size_t>(std::min<std::uint64_t>(requests(r), 1u << 20)));
      }
    }
  }

  std::mutex mu;  // guards what follows, shared by the workers
  std::condition_variable flushed;
  std::size_t run = 0;  // the run under way
  std::vector<double> run_starts(caps.size(), 0);
  // The run ends by count when `completed` reaches this. Counted from the
  // completion that ended the run before, so what completes during a flush
  // is taken from the next run's share and the stream stays within its caps.
  std::uint64_t target = requests(0);
  std::uint64_t claims = 0;
  std::uint64_t completed = 0;
  bool ended = false;     // the last run reached its cap: no more claims
  bool flushing = false;  // a run's end is being flushed: no new request
  bool stop = false;      // an error or cancel

  // Called with `lock` held by the thread whose completion ended run `r`;
  // returns with it held again.
  auto end_run = [&](std::unique_lock<std::mutex>& lock, std::size_t r) {
    const std::uint64_t base = completed;
    if (writes) {
      flushing = true;
      lock.unlock();
      Status st = file.flush();
      lock.lock();
      flushing = false;
      flushed.notify_all();
      if (!st) {
        if (!out.error) out.error = st.error();
        stop = true;
        return;
      }
    }
    const double now = io.now();
    out.runs[r].seconds = now - run_starts[r];
    if (r + 1 < caps.size()) {
      run = r + 1;
      run_starts[run] = now;
      target = std::min(base + requests(r + 1), max_claims);
    }
  };
  auto worker = [&](unsigned thread_index) {
    const IoBuffer& buf = buffers[thread_index];
    std::mt19937_64 rng(spec.seed * 7919u + thread_index);
    std::uniform_int_distribution<std::uint64_t> pick(0, blocks_in_file - 1);
    for (;;) {
      std::uint64_t n = 0;
      {
        std::unique_lock lock(mu);
        flushed.wait(lock, [&] { return !flushing || stop; });
        if (cancel.cancelled()) stop = true;
        if (stop || ended || claims >= max_claims) return;
        n = claims++;
      }
      const std::uint64_t offset = ph.pattern == Pattern::Sequential
                                       ? (spec.start_offset + n * ph.block) % (blocks_in_file * ph.block)
                                       : pick(rng) * ph.block;
      const double t0 = ph.record_latency ? io.now() : 0;  // the clock only where it is used
      Status st = writes ? file.write_at(offset, buf.bytes()) : file.read_at(offset, buf.bytes());
      const double t1 = io.now();
      std::unique_lock lock(mu);
      if (!st) {
        if (!out.error) out.error = st.error();
        stop = true;
        flushed.notify_all();
        return;
      }
      ++completed;
      out.bytes += ph.block;
      std::size_t r = run;
      while (r > 0 && t1 <= run_starts[r]) --r;
      RunOutcome& o = out.runs[r];
      o.bytes += ph.block;
      ++o.ops;
      if (ph.record_latency) latencies[thread_index][r].push_back(t1 - t0);
      if (flushing || stop) continue;  // the run being ended has this one
      const bool last = run + 1 == caps.size();
      // The count is the stream's, whichever run this one is credited to;
      // the time is the run under way's.
      const bool capped = completed >= target || (r == run && t1 - run_starts[r] >= caps[r].max_seconds);
      if (!last) {
        if (capped) end_run(lock, run);
      } else {
        if (capped) ended = true;
        if (ended && completed == claims) end_run(lock, run);
      }
    }
  };

  crew.run(worker, [&] { run_starts[0] = io.now(); });
  for (std::size_t r = 0; r < caps.size(); ++r) {
    for (const auto& per_thread : latencies) {
      if (r < per_thread.size()) out.runs[r].latencies.insert(out.runs[r].latencies.end(), per_thread[r].begin(), per_thread[r].end());
    }
  }
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

  Status account(const StreamOutcome& o, const Phase& p, BenchFile& file) {
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
    report(p.id);
    for (;;) {
      const bool filled = done >= plan_.file_bytes;
      if (filled && (done >= plan_.sustained_bytes || io_.now() - start >= plan_.sustained_seconds)) break;
      // One stream per window: the rate of each is wanted as it comes.
      const StreamSpec spec{&p, plan_.file_bytes, done % plan_.file_bytes, 7919u + index++};
      const RunCaps caps{window, std::numeric_limits<double>::infinity()};
      StreamOutcome s = timed_stream(io_, file, spec, {&caps, 1}, buffers, crew, cancel_);
      if (auto st = account(s, p, file); !st) return st;
      const RunOutcome& o = s.runs.front();
      if (o.bytes < window) break;  // nothing else stops a run short
      res.sustained_mbps.push_back(o.seconds > 0 ? static_cast<double>(o.bytes) / 1e6 / o.seconds : 0);
      done += o.bytes;
      seq_cursor_ = done % plan_.file_bytes;
      done_seconds_ = std::min(io_.now() - start, plan_.sustained_seconds);
      report(p.id);
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
    // Sequential runs go on where the last one stopped, through the whole
    // file, as a sequential benchmark does: three runs rewriting the same
    // first megabytes met warm caches (this machine's virtio disk wrote them
    // 8-14 % faster than fresh ones) and so measured those caches.
    const bool seq = p.pattern == Pattern::Sequential;
    // The ramp first (not part of the figure): a drive that was just serving
    // one request at a time, or none, takes a while to reach its pace at the
    // new depth; a QD8 write figure read 10 % higher after it than without
    // on this machine's virtio disk (docs/speed-test.md).
    const bool ramp = p.ramp_bytes() > 0;
    std::vector<RunCaps> caps;
    if (ramp) caps.push_back({p.ramp_bytes(), plan_.ramp_seconds});
    for (unsigned run = 0; run < p.runs; ++run) caps.push_back({p.bytes_per_run, p.seconds_per_run});
    // With the OS cache in the way (the fallback) every run is a stream of
    // its own, so the cache can be emptied before each read run.
    const bool one_stream = file.method() == IoMethod::Direct;
    std::vector<RunOutcome> outcomes;
    for (std::size_t first = 0; first < caps.size();) {
      const std::size_t count = one_stream ? caps.size() : 1;
      report(p.id);
      const StreamSpec spec{&p, plan_.file_bytes, seq ? seq_cursor_ : 0, 31u * (index + 1) + first};
      StreamOutcome s = timed_stream(io_, file, spec, std::span<const RunCaps>(caps).subspan(first, count), buffers,
                                     crew, cancel_);
      if (auto st = account(s, p, file); !st) return st;
      if (seq) seq_cursor_ = (seq_cursor_ + s.bytes) % plan_.file_bytes;
      for (RunOutcome& o : s.runs) outcomes.push_back(std::move(o));
      first += count;
    }
    if (ramp) {
      outcomes.erase(outcomes.begin());
      done_seconds_ += plan_.ramp_seconds;
    }
    for (const RunOutcome& o : outcomes) {
      if (o.ops == 0 || o.seconds <= 0) {
        return make_error(ErrorCode::Io, p.label + " completed no request within its time limit.", target_.string());
      }
      rates.push_back(seq ? static_cast<double>(o.bytes) / 1e6 / o.seconds : static_cast<double>(o.ops) / o.seconds);
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
