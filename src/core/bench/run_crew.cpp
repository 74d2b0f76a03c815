// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/run_crew.hpp"

namespace vmstick::bench {

RunCrew::RunCrew(unsigned size) {
  threads_.reserve(size);
  try {
    for (unsigned i = 0; i < size; ++i) threads_.emplace_back([this, i] { work(i); });
  } catch (...) {
    {
      std::lock_guard lock(mu_);
      quit_ = true;
    }
    wake_workers_.notify_all();
    threads_.clear();  // joins the ones that started
    throw;
  }
}

RunCrew::~RunCrew() {
  {
    std::lock_guard lock(mu_);
    quit_ = true;
  }
  wake_workers_.notify_all();
  threads_.clear();
}

void RunCrew::run(const Job& job, const std::function<void()>& on_start) {
  {
    std::unique_lock lock(mu_);
    wake_caller_.wait(lock, [&] { return waiting_ == threads_.size(); });
    on_start();  // first: if it throws, the crew is as it was
    waiting_ = 0;
    finished_ = 0;
    failure_ = nullptr;
    job_ = &job;
    ++generation_;
  }
  wake_workers_.notify_all();
  std::exception_ptr failure;
  {
    std::unique_lock lock(mu_);
    wake_caller_.wait(lock, [&] { return finished_ == threads_.size(); });
    job_ = nullptr;
    failure = failure_;
  }
  if (failure) std::rethrow_exception(failure);
}

void RunCrew::work(unsigned index) {
  std::uint64_t seen = 0;
  for (;;) {
    const Job* job = nullptr;
    {
      std::unique_lock lock(mu_);
      ++waiting_;
      wake_caller_.notify_one();
      wake_workers_.wait(lock, [&] { return quit_ || generation_ != seen; });
      if (quit_) return;
      seen = generation_;
      job = job_;
    }
    std::exception_ptr failure;
    try {
      (*job)(index);
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      if (failure && !failure_) failure_ = failure;
      ++finished_;
    }
    wake_caller_.notify_one();
  }
}

}  // namespace vmstick::bench
