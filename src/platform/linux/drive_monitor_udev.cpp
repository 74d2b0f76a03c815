// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_monitor_udev.hpp"

#include <fcntl.h>
#include <libudev.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/log/log.hpp"

namespace vmstick::linux_backend {
namespace {

class NetlinkSource final : public UeventSource {
 public:
  NetlinkSource(udev* u, udev_monitor* m) : udev_(u), mon_(m) {}
  ~NetlinkSource() override {
    udev_monitor_unref(mon_);
    udev_unref(udev_);
  }
  int fd() const override { return udev_monitor_get_fd(mon_); }
  bool drain_one() override {
    udev_device* dev = udev_monitor_receive_device(mon_);
    if (!dev) return false;
    const char* action = udev_device_get_action(dev);
    const bool relevant = action && (std::strcmp(action, "add") == 0 || std::strcmp(action, "remove") == 0 ||
                                     std::strcmp(action, "change") == 0);
    udev_device_unref(dev);
    return relevant;
  }

 private:
  udev* udev_;
  udev_monitor* mon_;
};

}  // namespace

Result<std::unique_ptr<UeventSource>> open_udev_block_monitor() {
  udev* u = udev_new();
  if (!u) return make_error(ErrorCode::NotSupported, "libudev is not usable here", "udev_new");
  // "udev" events arrive after udev has filled in ID_FS_* and friends.
  udev_monitor* m = udev_monitor_new_from_netlink(u, "udev");
  if (!m) {
    udev_unref(u);
    return make_error(ErrorCode::NotSupported, "cannot open the udev netlink socket (no udevd, or a container)",
                      "udev_monitor_new_from_netlink");
  }
  if (udev_monitor_filter_add_match_subsystem_devtype(m, "block", nullptr) < 0 || udev_monitor_enable_receiving(m) < 0) {
    udev_monitor_unref(m);
    udev_unref(u);
    return make_error(ErrorCode::NotSupported, "cannot receive udev block events", "udev_monitor_enable_receiving");
  }
  return std::unique_ptr<UeventSource>(std::make_unique<NetlinkSource>(u, m));
}

UdevDriveMonitor::UdevDriveMonitor(std::unique_ptr<UeventSource> source, std::chrono::milliseconds quiet,
                                   std::chrono::milliseconds max_delay)
    : source_(std::move(source)), debouncer_(quiet, max_delay) {}

UdevDriveMonitor::~UdevDriveMonitor() { stop(); }

Status UdevDriveMonitor::start(Callback on_change) {
  if (thread_.joinable()) return make_error(ErrorCode::InvalidArgument, "the drive monitor is already running", "start");
  if (!source_) {
    auto s = open_udev_block_monitor();
    if (!s) return s.error();
    source_ = std::move(*s);
  }
  if (::pipe2(stop_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return make_error(ErrorCode::Io, std::string("cannot create a pipe: ") + std::strerror(errno), "drive monitor");
  }
  thread_ = std::thread([this, cb = std::move(on_change)] { loop(cb); });
  return Ok{};
}

void UdevDriveMonitor::stop() {
  if (thread_.joinable()) {
    const char c = 'q';
    [[maybe_unused]] auto n = ::write(stop_pipe_[1], &c, 1);
    thread_.join();
  }
  for (int& fd : stop_pipe_) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

void UdevDriveMonitor::loop(Callback on_change) {
  pollfd fds[2] = {{source_->fd(), POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
  for (;;) {
    const auto wait = debouncer_.wait(EventDebouncer::Clock::now());
    const int timeout = wait ? static_cast<int>(wait->count()) : -1;
    const int rc = ::poll(fds, 2, timeout);
    if (rc < 0 && errno != EINTR) {
      log::get("probe.drive")->warn("drive monitor stopped: poll failed: {}", std::strerror(errno));
      return;
    }
    if (fds[1].revents) return;
    if (rc > 0 && (fds[0].revents & POLLIN)) {
      if (source_->drain_one()) debouncer_.event(EventDebouncer::Clock::now());
    }
    if (rc > 0 && (fds[0].revents & (POLLHUP | POLLERR)) && !(fds[0].revents & POLLIN)) {
      log::get("probe.drive")->warn("drive monitor stopped: event source closed");
      return;
    }
    if (debouncer_.due(EventDebouncer::Clock::now())) on_change();
  }
}

}  // namespace vmstick::linux_backend
