// SPDX-License-Identifier: GPL-3.0-or-later
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>

#include "platform/linux/drive_monitor_udev.hpp"

using namespace vmstick;
using namespace std::chrono_literals;

namespace {

// Each byte written to the pipe is one uevent; 'd' concerns a drive, 'x' not.
class PipeSource final : public linux_backend::UeventSource {
 public:
  explicit PipeSource(int read_fd) : fd_(read_fd) {}
  ~PipeSource() override { ::close(fd_); }
  int fd() const override { return fd_; }
  bool drain_one() override {
    char c = 0;
    return ::read(fd_, &c, 1) == 1 && c == 'd';
  }

 private:
  int fd_;
};

struct Counter {
  std::mutex m;
  std::condition_variable cv;
  int calls{0};
  void bump() {
    std::lock_guard lock(m);
    ++calls;
    cv.notify_all();
  }
  bool wait_for(int n, std::chrono::milliseconds limit) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, limit, [&] { return calls >= n; });
  }
};

}  // namespace

TEST_CASE("event debouncer: a burst becomes one notification, bounded by max delay") {
  EventDebouncer d(300ms, 1500ms);
  const auto t0 = EventDebouncer::Clock::now();
  CHECK_FALSE(d.wait(t0).has_value());
  CHECK_FALSE(d.due(t0));
  d.event(t0);
  d.event(t0 + 100ms);
  CHECK_FALSE(d.due(t0 + 200ms));
  CHECK(d.wait(t0 + 200ms).value() <= 201ms);
  CHECK(d.due(t0 + 400ms));
  CHECK_FALSE(d.due(t0 + 500ms));
  // A stream of events every 100 ms still notifies after 1.5 s.
  for (int i = 0; i < 20; ++i) d.event(t0 + 1000ms + i * 100ms);
  CHECK_FALSE(d.due(t0 + 2400ms));
  CHECK(d.due(t0 + 2500ms));
}

TEST_CASE("udev drive monitor: injected events reach the callback once per burst, well within 2 s") {
  int p[2];
  REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
  Counter counter;
  linux_backend::UdevDriveMonitor mon(std::make_unique<PipeSource>(p[0]), 100ms, 1000ms);
  REQUIRE(mon.start([&] { counter.bump(); }).ok());
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(::write(p[1], "dddx", 4) == 4);
  REQUIRE(counter.wait_for(1, 2s));
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  // Events that do not concern drives do not notify.
  REQUIRE(::write(p[1], "xx", 2) == 2);
  CHECK_FALSE(counter.wait_for(2, 400ms));
  REQUIRE(::write(p[1], "d", 1) == 1);
  CHECK(counter.wait_for(2, 2s));
  mon.stop();
  CHECK(counter.calls == 2);
  ::close(p[1]);
}

TEST_CASE("udev drive monitor: the real netlink monitor starts or says why not") {
  linux_backend::UdevDriveMonitor mon;
  auto st = mon.start([] {});
  CHECK((st.ok() || st.error().code == ErrorCode::NotSupported));
  if (!st.ok()) {
    CHECK(st.error().code == ErrorCode::NotSupported);
    CHECK_FALSE(st.error().message.empty());
  }
  mon.stop();
}
