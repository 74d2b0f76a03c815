// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Threads kept for one figure (or the fill) and set to work once per stream
// of its requests: once for the whole figure, or once per run where the OS
// cache must be emptied between runs, or per window of the fill.
// Making queue_depth threads before every run left the drive without a
// request for about half a millisecond each time, and a drive that has just
// been idle answers its next requests late (docs/speed-test.md, "A busy
// drive"): the first of a run's two queue-fulls at QD8 took 1.6 ms against
// 1.0 for the second on this machine's virtio disk (under perf trace).
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vmstick::bench {

class RunCrew {
 public:
  using Job = std::function<void(unsigned index)>;

  // Starts `size` threads. Throws what thread creation throws, after
  // stopping the threads already started.
  explicit RunCrew(unsigned size);
  ~RunCrew();
  RunCrew(const RunCrew&) = delete;
  RunCrew& operator=(const RunCrew&) = delete;

  // Runs job(i) on thread i for every i, all released together; on_start
  // runs once every thread is waiting, just before the release (the place
  // to start a clock). Returns when every job has returned; rethrows the
  // first exception a job threw.
  void run(const Job& job, const std::function<void()>& on_start);

  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void work(unsigned index);

  std::mutex mu_;
  std::condition_variable wake_workers_;
  std::condition_variable wake_caller_;
  unsigned waiting_{0};
  unsigned finished_{0};
  std::uint64_t generation_{0};
  bool quit_{false};
  const Job* job_{nullptr};
  std::exception_ptr failure_;
  std::vector<std::jthread> threads_;
};

}  // namespace vmstick::bench
