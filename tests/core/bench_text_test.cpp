// SPDX-License-Identifier: GPL-3.0-or-later
// `vmstick bench`'s printed result, from a hand-built result: every line in
// the reader's language, the numbers as measured.
#include <catch2/catch.hpp>

#include "core/report/bench_text.hpp"

using namespace vmstick;

namespace {

// A cheap stick measured through buffered I/O whose cache ran out after 48 MiB.
bench::BenchResult cheap_stick() {
  bench::BenchResult r;
  r.target = "/media/usb/\x1b[2Jstick";
  r.method = bench::IoMethod::FlushBounded;
  r.figures.push_back({"seq_read_qd8", "Sequential read 1 MiB QD8", "MB/s", {35.25, 34.0, 36.5, 3},
                       bench::SpeedClass::Usb2Stick});
  r.figures.push_back({"rand_write_qd1", "Random write 4 KiB QD1", "IOPS", {141.0, 120.0, 160.0, 3},
                       bench::SpeedClass::CheapUsb3Stick});
  r.write_latency = bench::Latency{1.5, 40.25, 120.0, 512};
  r.sustained_mbps = {60, 60, 60, 8, 8, 8};
  r.sustained_window = 16 * bench::kMiB;
  r.cliff = bench::Cliff{true, 60.0, 8.0, 48 * bench::kMiB};
  r.bytes_written = 200 * bench::kMiB;
  r.bytes_read = 96 * bench::kMiB;
  r.duration_s = 18.6;
  r.caveats = {std::string("The filesystem refused direct I/O (EINVAL).")};
  return r;
}

}  // namespace

TEST_CASE("bench text in English: figures with spread and class, latency, cliff, totals, caveats") {
  const std::string t = bench_text(cheap_stick(), bench::default_plan(64), Lang::en);
  INFO(t);
  // The path is printed without its escape sequence.
  CHECK(t.find("Speed test of /media/usb/?[2Jstick (buffered I/O bounded by flushes, 64 MiB test file)\n") == 0);
  CHECK(t.find("  Sequential read, QD8              35.2 MB/s  (runs 34.0–36.5, USB 2.0 stick class)\n") !=
        std::string::npos);
  CHECK(t.find("  Random 4K write, QD1               141 IOPS  (runs 120–160, cheap USB 3 stick class)\n") !=
        std::string::npos);
  CHECK(t.find("  Random 4K write latency: p50 1.50 ms, p99 40.25 ms, max 120.00 ms (512 requests)\n") !=
        std::string::npos);
  CHECK(t.find("  Sustained write: cache cliff after 48 MiB, 60.0 → 8.0 MB/s\n") != std::string::npos);
  CHECK(t.find("Written: 200.0 MiB, read: 96.0 MiB, in 18.6 s. The temp file was removed.\n") != std::string::npos);
  CHECK(t.find("Note: The filesystem refused direct I/O (EINVAL).\n") != std::string::npos);
  CHECK(t.find('\x1b') == std::string::npos);
}

TEST_CASE("bench text in Chinese keeps the numbers and words the rest in Chinese") {
  const std::string t = bench_text(cheap_stick(), bench::default_plan(64), Lang::zh_CN);
  INFO(t);
  CHECK(t.find("/media/usb/?[2Jstick 的速度测试（经系统缓存、以刷盘为界的 I/O，测试文件 64 MiB）\n") == 0);
  // Padding counts a Chinese character as two columns: the number column
  // starts where it does in English (column 31).
  CHECK(t.find("  顺序读取（队列深度 8）            35.2 MB/s  （各轮 34.0–36.5，USB 2.0 U 盘水平）\n") !=
        std::string::npos);
  CHECK(t.find("  4K 随机写入（队列深度 1）          141 IOPS  （各轮 120–160，普通 USB 3 U 盘水平）\n") !=
        std::string::npos);
  CHECK(t.find("  4K 随机写入延迟：p50 1.50 毫秒，p99 40.25 毫秒，最大 120.00 毫秒（512 次请求）\n") !=
        std::string::npos);
  CHECK(t.find("  持续写入：写入 48 MiB 后出现缓存断崖，60.0 → 8.0 MB/s\n") != std::string::npos);
  CHECK(t.find("共写入 200.0 MiB，读取 96.0 MiB，用时 18.6 秒。临时文件已删除。\n") != std::string::npos);
  CHECK(t.find("注意：The filesystem refused direct I/O (EINVAL).\n") != std::string::npos);
  for (const char* english : {"Speed test", "runs", "class", "latency", "Sustained", "Written", "Note:"}) {
    CHECK(t.find(english) == std::string::npos);
  }
}

TEST_CASE("bench text: a run too short to look for a cliff, and one without a cliff, say so") {
  bench::BenchResult r = cheap_stick();
  r.cliff.reset();
  r.sustained_mbps = {60, 60};
  CHECK(bench_text(r, bench::default_plan(64), Lang::en)
            .find("  Sustained write: 32 MiB written, too little to look for a cache cliff\n") != std::string::npos);
  CHECK(bench_text(r, bench::default_plan(64), Lang::zh_CN)
            .find("  持续写入：只写入了 32 MiB，不足以判断是否存在缓存断崖\n") != std::string::npos);
  r.cliff = bench::Cliff{false, 60.0, 0.0, 0};
  CHECK(bench_text(r, bench::default_plan(64), Lang::en).find("  Sustained write: no cache cliff within 32 MiB (60.0 MB/s)\n") !=
        std::string::npos);
}
