// SPDX-License-Identifier: GPL-3.0-or-later
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/bench/run_crew.hpp"

using vmstick::bench::RunCrew;

TEST_CASE("run crew: every thread runs the job once per run, after on_start") {
  RunCrew crew(8);
  REQUIRE(crew.size() == 8);
  std::mutex mu;
  std::multiset<unsigned> indices;
  std::set<std::thread::id> threads;
  std::atomic<bool> started{false};
  std::atomic<unsigned> early{0};
  for (int run = 0; run < 3; ++run) {
    started = false;
    crew.run(
        [&](unsigned i) {
          if (!started) ++early;
          std::lock_guard lock(mu);
          indices.insert(i);
          threads.insert(std::this_thread::get_id());
        },
        [&] { started = true; });
  }
  CHECK(early == 0);
  CHECK(indices.size() == 24);
  for (unsigned i = 0; i < 8; ++i) CHECK(indices.count(i) == 3);
  // The crew's threads stay alive between runs, so their ids cannot have
  // been handed out again: three runs, eight threads.
  CHECK(threads.size() == 8);
  CHECK(threads.count(std::this_thread::get_id()) == 0);
}

TEST_CASE("run crew: run() returns only when every job has returned") {
  RunCrew crew(4);
  std::atomic<unsigned> done{0};
  crew.run(
      [&](unsigned i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * (i + 1)));
        ++done;
      },
      [] {});
  CHECK(done == 4);
}

TEST_CASE("run crew: a job's exception reaches the caller, and the crew still works") {
  RunCrew crew(3);
  std::atomic<unsigned> ran{0};
  CHECK_THROWS_AS(crew.run(
                      [&](unsigned i) {
                        ++ran;
                        if (i == 1) throw std::runtime_error("job failed");
                      },
                      [] {}),
                  std::runtime_error);
  CHECK(ran == 3);
  ran = 0;
  crew.run([&](unsigned) { ++ran; }, [] {});
  CHECK(ran == 3);
}

TEST_CASE("run crew: an on_start that throws leaves the crew usable") {
  RunCrew crew(2);
  std::atomic<unsigned> ran{0};
  CHECK_THROWS_AS(crew.run([&](unsigned) { ++ran; }, [] { throw std::runtime_error("clock failed"); }),
                  std::runtime_error);
  CHECK(ran == 0);
  crew.run([&](unsigned) { ++ran; }, [] {});
  CHECK(ran == 2);
}
