// SPDX-License-Identifier: GPL-3.0-or-later
// The engine against a modelled drive: what it computes, what it writes,
// and that it cleans up on every way out.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/bench/bench_facts_from.hpp"
#include "core/bench/bench_runner.hpp"
#include "core/report/report_resources.hpp"
#include "core/bench/workspace.hpp"
#include "support/error_of.hpp"
#include "support/fixtures.hpp"
#include "bench/fake_bench_io.hpp"

using namespace vmstick;
using namespace vmstick::bench;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

Plan small_plan() {
  Plan p = default_plan(16);
  p.sustained_bytes = 32 * kMiB;
  return p;
}

}  // namespace

// The engine's error, when a run that should succeed fails, in the report.
#define REQUIRE_RUN_OK(r) \
  do { \
    INFO(test::error_of(r)); \
    REQUIRE((r).ok()); \
  } while (false)

TEST_CASE("engine: --only's plan measures the named figures alone, after the fill, with less wear") {
  const Plan full = default_plan();
  const Plan only = only_phases(full, {"rand_write_qd32", "seq_read_qd1", "no_such_phase"});
  REQUIRE(only.phases.size() == 2);
  CHECK(only.phases[0].id == "seq_read_qd1");  // the plan's order, not the caller's
  CHECK(only.phases[1].id == "rand_write_qd32");
  CHECK(only.sustained_bytes == full.sustained_bytes);
  CHECK(only.write_budget() == full.sustained_bytes + 3 * 8 * kMiB + 32 * 4096);  // and QD32's ramp
  CHECK(only.write_budget() < full.write_budget());
  CHECK(only_phases(full, {"rand_write_qd1"}).phases.at(0).record_latency);

  auto dir = test::temp_dir("bench_engine_only");
  test::FakeBenchIo io;
  CancelToken cancel;
  auto r = run_bench(io, dir, only, cancel);
  REQUIRE_RUN_OK(r);
  REQUIRE(r->figures.size() == 2);
  CHECK(r->figure("seq_read_qd1") != nullptr);
  CHECK(r->figure("rand_write_qd32") != nullptr);
  CHECK(r->figure("rand_read_qd1") == nullptr);
  CHECK(r->bytes_written == io.log.written);
  CHECK(r->bytes_written <= only.write_budget());
  CHECK(r->bytes_written >= only.file_bytes);  // the reads found a filled file
}

TEST_CASE("engine: sequential runs go on through the file instead of rewriting its start") {
  auto dir = test::temp_dir("bench_engine_seq_cursor");
  test::FakeBenchIo io;
  CancelToken cancel;
  Plan plan = only_phases(default_plan(32), {"seq_write_qd8", "seq_write_qd1"});
  plan.sustained_bytes = plan.file_bytes;  // the fill writes every block once
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  // 32 MiB filled, then the QD8 ramp (8 x 1 MiB) and 3 x 24 + 3 x 8 MiB =
  // 104 MiB more in 1 MiB blocks: spread over the 32 blocks, none is written
  // more than 5 times (104 / 32 rounded up, plus the fill); rewriting from
  // the start each run would write the first 8 blocks 8 times.
  REQUIRE(r->bytes_written == (32 + 8 + 96) * kMiB);
  unsigned most = 0;
  for (const auto& [offset, n] : io.log.writes_at) most = std::max(most, n);
  CHECK(io.log.writes_at.size() == 32);
  CHECK(most <= 5);
}

TEST_CASE("engine: figures match the modelled drive and bytes are counted exactly") {
  auto dir = test::temp_dir("bench_engine_figures");
  test::DriveModel m;
  m.read_mbps = 200;
  m.write_mbps = 100;
  m.read_latency_s = 0.0005;   // 4K reads: 1 / (0.0005 + 4096/200e6) ≈ 1920 IOPS
  m.write_latency_s = 0.002;   // 4K writes: 1 / (0.002 + 4096/100e6) ≈ 490 IOPS
  test::FakeBenchIo io(m);
  CancelToken cancel;
  Plan plan = default_plan();
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  // The backend was told the file's size, so it could reserve the blocks.
  CHECK(io.created_size == plan.file_bytes);
  CHECK_FALSE(io.log.misaligned);
  // Every request used memory the backend handed out (the Linux backend's
  // huge-page buffers reach the drive only this way), of the request's size.
  CHECK_FALSE(io.log.foreign_buffer);
  CHECK_FALSE(io.log.buffers.empty());
  // One buffer per queue slot per phase (and one for the fill), not per run
  // or per fill window: making them between runs left the drive idle.
  unsigned slots = 1;
  for (const Phase& p : plan.phases) slots += p.queue_depth;
  CHECK(io.log.buffers_made == slots);
  CHECK(r->method == IoMethod::Direct);
  REQUIRE(r->figures.size() == 8);
  // 1 MiB requests: latency + size / rate. Exactly, whatever the queue
  // depth: each run holds the requests that completed within its time.
  const double seq_write = 1048576 / 1e6 / (0.002 + 1048576 / 100e6);
  const double seq_read = 1048576 / 1e6 / (0.0005 + 1048576 / 200e6);
  CHECK(r->figure("seq_write_qd8")->value.median == Approx(seq_write).epsilon(1e-9));
  CHECK(r->figure("seq_read_qd1")->value.median == Approx(seq_read).epsilon(1e-9));
  CHECK(r->figure("rand_read_qd1")->value.median == Approx(1 / (0.0005 + 4096 / 200e6)).epsilon(1e-9));
  CHECK(r->figure("rand_write_qd32")->value.median == Approx(1 / (0.002 + 4096 / 100e6)).epsilon(1e-9));
  CHECK(r->figure("rand_read_qd1")->unit == "IOPS");
  CHECK(r->figure("seq_read_qd8")->unit == "MB/s");
  CHECK(r->figure("seq_read_qd8")->value.runs == 3);
  CHECK(r->figure("rand_write_qd1")->speed_class == SpeedClass::CheapUsb3Stick);
  REQUIRE(r->write_latency);
  CHECK(r->write_latency->p50_ms == Approx((0.002 + 4096 / 100e6) * 1e3).epsilon(0.01));
  CHECK(r->write_latency->max_ms >= r->write_latency->p99_ms);
  // Every byte the drive saw is accounted for, within the budget, inside the file.
  CHECK(r->bytes_written == io.log.written);
  CHECK(r->bytes_read == io.log.read);
  CHECK(r->bytes_written <= plan.write_budget());
  CHECK(r->bytes_written >= plan.file_bytes);
  CHECK(io.log.max_end_offset <= plan.file_bytes);
  REQUIRE(r->cliff);
  CHECK_FALSE(r->cliff->found);
  // Nothing left behind.
  CHECK(entries(dir).empty());
}

TEST_CASE("engine: a 20 MB/s drive is measured within 20 s") {
  auto dir = test::temp_dir("bench_engine_20mbps");
  test::DriveModel m;
  m.read_mbps = 20;
  m.write_mbps = 20;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, default_plan(), cancel);
  REQUIRE_RUN_OK(r);
  INFO("simulated duration " << r->duration_s);
  CHECK(r->duration_s <= 20.0);
  CHECK(r->figure("seq_read_qd8")->value.median == Approx(1048576 / 1e6 / (0.0002 + 1048576 / 20e6)).epsilon(1e-9));
}

TEST_CASE("engine: the sustained phase finds a cache cliff") {
  auto dir = test::temp_dir("bench_engine_cliff");
  test::DriveModel m;
  m.write_mbps = 100;
  m.write_mbps_after_cliff = 10;
  m.cliff_after_bytes = 40 * kMiB;
  m.write_latency_s = 0;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, default_plan(), cancel);
  REQUIRE_RUN_OK(r);
  REQUIRE(r->cliff);
  CHECK(r->cliff->found);
  CHECK(r->cliff->after_bytes == 40 * kMiB);
  CHECK(r->cliff->before_mbps == Approx(100).epsilon(0.02));
  CHECK(r->cliff->after_mbps == Approx(10).epsilon(0.02));
  BenchFacts f = to_bench_facts(*r);
  REQUIRE(f.cache_cliff.is_known());
  CHECK(f.cache_cliff.value().found);
  CHECK(f.cache_cliff.value().after_mib == Approx(40));
}

TEST_CASE("engine: a filesystem refusing direct I/O is measured flush-bounded and says so") {
  auto dir = test::temp_dir("bench_engine_fallback");
  test::DriveModel m;
  m.refuse_direct = true;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, small_plan(), cancel);
  REQUIRE_RUN_OK(r);
  CHECK(r->method == IoMethod::FlushBounded);
  REQUIRE_FALSE(r->caveats.empty());
  CHECK(r->caveats[0].find("refused direct I/O") != std::string::npos);
  // Every read run started from a dropped cache (the two queued read
  // figures' ramps too); every write run ended in a flush.
  CHECK(io.log.drops == 4 * 3 + 2);
  CHECK(io.log.flushes >= 4 * 3);
  CHECK(to_bench_facts(*r).method.is("flush_bounded"));
}

TEST_CASE("engine: a failing write stops the test with a clear error and removes the file") {
  auto dir = test::temp_dir("bench_engine_eio");
  test::DriveModel m;
  m.fail_write_after_bytes = 20 * kMiB;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, small_plan(), cancel);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Io);
  CHECK(r.error().message.find("Sustained write") != std::string::npos);
  CHECK(r.error().message.find("Input/output error") != std::string::npos);
  CHECK(r.error().message.find("20.0 MiB had been written.") != std::string::npos);
  CHECK(entries(dir).empty());
}

TEST_CASE("engine: a file that vanishes mid-run is an error, not a figure") {
  auto dir = test::temp_dir("bench_engine_vanish");
  test::DriveModel m;
  m.vanish_after_bytes = 24 * kMiB;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, small_plan(), cancel);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("vanished") != std::string::npos);
  CHECK(entries(dir).empty());
}

TEST_CASE("engine: cancel stops at the next request and cleans up") {
  auto dir = test::temp_dir("bench_engine_cancel");
  test::FakeBenchIo io;
  CancelToken cancel;
  std::vector<std::string> steps;
  auto progress = [&](std::string_view step, double fraction) {
    steps.emplace_back(step);
    CHECK(fraction >= 0);
    CHECK(fraction <= 1);
    if (step == "rand_read_qd1") cancel.cancel();
  };
  auto r = run_bench(io, dir, small_plan(), cancel, progress);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Cancelled);
  CHECK(entries(dir).empty());
  CHECK(steps.front() == "sustained_write");
  // Every step is an id the front ends can word, in both languages.
  for (const auto& s : steps) {
    CHECK(progress_text(s, Lang::en) != s);
    CHECK(progress_text(s, Lang::zh_CN) != progress_text(s, Lang::en));
  }
  // No random writes were issued after the cancel.
  CHECK(std::find(steps.begin(), steps.end(), "rand_write_qd1") == steps.end());
}

TEST_CASE("engine: refuses to start without room for the file and a margin") {
  auto dir = test::temp_dir("bench_engine_space");
  test::DriveModel m;
  m.free_bytes = 100 * kMiB;
  test::FakeBenchIo io(m);
  CancelToken cancel;
  auto r = run_bench(io, dir, default_plan(), cancel);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "Not enough free space for the speed test: it needs 128 MiB, the drive has 100 MiB free.");
  CHECK(io.log.written == 0);
  CHECK(entries(dir).empty());
}

TEST_CASE("engine: a missing folder or a file as target is refused") {
  test::FakeBenchIo io;
  CancelToken cancel;
  auto dir = test::temp_dir("bench_engine_badtarget");
  auto missing = run_bench(io, dir / "nope", default_plan(), cancel);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::NotFound);
  std::ofstream(dir / "file.img") << "data";
  auto file = run_bench(io, dir / "file.img", default_plan(), cancel);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().code == ErrorCode::InvalidArgument);
  CHECK(io.log.written == 0);
}

TEST_CASE("litter of killed runs is removed, live runs and foreign files are kept") {
  auto dir = test::temp_dir("bench_engine_litter");
  auto make = [&](const std::string& name, const std::string& pid) {
    fs::create_directory(dir / name);
    std::ofstream(dir / name / "owner.pid") << pid << "\n";
    std::ofstream(dir / name / "testfile.bin") << "stale";
  };
  make(".vmstick-speedtest-111", "111");  // dead
  make(".vmstick-speedtest-222", "222");  // alive
  make(".vmstick-speedtest-333", "333");  // dead, but the user put a file in it
  std::ofstream(dir / ".vmstick-speedtest-333" / "mine.txt") << "keep me";
  fs::create_directory(dir / ".vmstick-speedtest-444");  // killed before writing its lock
  std::ofstream(dir / "user.txt") << "unrelated";
  test::FakeBenchIo io;
  io.alive = {222};
  auto removed = clean_litter(io, dir);
  CHECK(removed.size() == 2);
  CHECK(entries(dir) == std::vector<std::string>{".vmstick-speedtest-222", ".vmstick-speedtest-333", "user.txt"});
  CHECK(fs::exists(dir / ".vmstick-speedtest-333" / "mine.txt"));
}

TEST_CASE("a failed test becomes unknown facts with the reason") {
  BenchFacts f = to_bench_facts_failed("/media/stick", make_error(ErrorCode::Io, "The drive is full.", "/media/stick"));
  CHECK_FALSE(f.seq_read_mbps.is_known());
  // Only the error: the finding that shows it already says the test did not complete.
  CHECK(f.rand_write_qd1.reason() == "The drive is full. (/media/stick)");
  CHECK_FALSE(f.method.is_known());
}

TEST_CASE("engine: queue depth N keeps N requests in flight") {
  auto dir = test::temp_dir("bench_engine_qd");
  test::DriveModel m;
  m.read_wall_time = std::chrono::microseconds(50000);
  test::FakeBenchIo io(m);
  CancelToken cancel;
  Plan plan = small_plan();
  plan.sustained_bytes = plan.file_bytes;
  // Only the QD32 random reads, two runs of 64 requests of 50 ms each.
  plan.phases = {plan.phases[5]};
  plan.phases[0].runs = 2;
  plan.phases[0].bytes_per_run = 64 * 4096;
  plan.phases[0].seconds_per_run = 1e9;
  REQUIRE(plan.phases[0].queue_depth == 32);
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  CHECK(io.log.max_in_flight == 32);
  CHECK(r->bytes_read == 32 * 4096 + 2 * 64 * 4096);  // the ramp's queue-full, then the runs
}

TEST_CASE("engine: a figure with a queue starts after one queue-full it does not count") {
  auto dir = test::temp_dir("bench_engine_ramp");
  test::FakeBenchIo io;
  CancelToken cancel;
  Plan plan = only_phases(default_plan(), {"seq_write_qd8", "seq_write_qd1"});
  REQUIRE(plan.phases[0].ramp_bytes() == 8 * kMiB);
  REQUIRE(plan.phases[1].ramp_bytes() == 0);  // one request at a time: nothing to fill
  CHECK(plan.write_budget() == plan.sustained_bytes + 8 * kMiB + 3 * 24 * kMiB + 3 * 8 * kMiB);
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  CHECK(r->bytes_written == plan.write_budget());
  CHECK(r->bytes_written == io.log.written);
  // The figure is its three runs, with the modelled drive's rate exactly:
  // each run holds the requests that completed within its time, however the
  // eight threads were scheduled.
  const Figure* f = r->figure("seq_write_qd8");
  REQUIRE(f != nullptr);
  CHECK(f->value.runs == 3);
  CHECK(f->value.median == Approx(1048576 / 1e6 / (0.001 + 1048576 / 100e6)).epsilon(1e-9));
  CHECK(f->value.min == Approx(f->value.max).epsilon(1e-9));
}

TEST_CASE("engine: on a slow drive the ramp and the runs stop at their time caps") {
  auto dir = test::temp_dir("bench_engine_ramp_slow");
  test::DriveModel m;
  m.write_mbps = 10;  // a 1 MiB write takes 0.1 s, past the ramp's 0.1 s cap
  test::FakeBenchIo io(m);
  CancelToken cancel;
  Plan plan = only_phases(default_plan(8), {"seq_write_qd8"});
  plan.sustained_bytes = plan.file_bytes;
  REQUIRE(plan.phases[0].seconds_per_run == Approx(0.5));
  REQUIRE(plan.phases[0].bytes_per_run == 24 * kMiB);
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  const Figure* f = r->figure("seq_write_qd8");
  REQUIRE(f != nullptr);
  CHECK(f->value.median == Approx(1048576 / 1e6 / (0.001 + 1048576 / 10e6)).epsilon(1e-9));
  // The ramp ends at its first completion (0.105 s), each run at its fifth
  // (0.5 s); up to seven more requests were in flight at each end and are
  // written too. Far from the 8 + 3 x 24 MiB the byte caps allow.
  INFO("written " << r->bytes_written / kMiB << " MiB");
  CHECK(r->bytes_written >= plan.file_bytes + 1 * kMiB + 3 * 5 * kMiB);
  CHECK(r->bytes_written <= plan.file_bytes + 8 * kMiB + 3 * 12 * kMiB);
}

TEST_CASE("engine: a figure's runs are made by the same threads") {
  // Threads made before every run left the drive idle meanwhile. At QD1 one
  // thread makes every request of the fill's 24 windows, and another every
  // request of the figure's three runs.
  auto dir = test::temp_dir("bench_engine_crew");
  test::FakeBenchIo io;
  CancelToken cancel;
  Plan plan = only_phases(default_plan(), {"seq_write_qd1"});
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  REQUIRE(r->sustained_mbps.size() > 1);
  CHECK(io.log.request_threads.size() == 2);
}

TEST_CASE("engine: a write run is flushed by the thread whose completion ended it") {
  // Not handed to the calling thread, whose wake-up would be timed too.
  auto dir = test::temp_dir("bench_engine_flusher");
  test::FakeBenchIo io;
  CancelToken cancel;
  Plan plan = only_phases(default_plan(), {"seq_write_qd8", "rand_write_qd32"});
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  // The fill's windows, and the two figures' ramps and three runs each.
  CHECK(io.log.flushes == r->sustained_mbps.size() + 2 + 6);
  REQUIRE_FALSE(io.log.flush_threads.empty());
  CHECK(io.log.flush_threads.count(test::thread_serial()) == 0);
}

TEST_CASE("engine: a figure's runs follow one another without the queue emptying and every write is flushed") {
  // Separate runs each let the queue drain before their flush and refilled it
  // from empty after; a drive with a queue then spent part of every run below
  // its depth (docs/speed-test.md). Each write takes real time here, so the
  // writes in flight at a flush can be counted.
  auto dir = test::temp_dir("bench_engine_stream");
  test::DriveModel m;
  m.write_wall_time = std::chrono::microseconds(300);
  test::FakeBenchIo io(m);
  CancelToken cancel;
  Plan plan = only_phases(default_plan(8), {"seq_write_qd8"});
  plan.sustained_bytes = plan.file_bytes;
  auto r = run_bench(io, dir, plan, cancel);
  REQUIRE_RUN_OK(r);
  CHECK(r->figure("seq_write_qd8")->value.runs == 3);
  // The fill's windows (QD1: nothing else in flight), then the figure's four
  // flushes: after the ramp and after each of its three runs.
  const std::vector<unsigned>& at = io.log.writes_in_flight_at_flush;
  REQUIRE(at.size() == r->sustained_mbps.size() + 4);
  const std::vector<unsigned> figure(at.end() - 4, at.end());
  INFO("writes in flight at the figure's flushes: " << figure[0] << ", " << figure[1] << ", " << figure[2] << ", "
                                                    << figure[3]);
  // Between runs the other threads' writes stay in flight through the flush...
  CHECK(figure[0] + figure[1] + figure[2] > 0);
  // ...and the last flush waits for every write, so none is left uncovered.
  CHECK(figure[3] == 0);
  CHECK(io.log.written_since_flush == 0);
  CHECK(r->bytes_written == plan.write_budget());
}
