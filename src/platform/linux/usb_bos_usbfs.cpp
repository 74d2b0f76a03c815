// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/usb_bos_usbfs.hpp"

#include <fmt/format.h>
#include <libusb.h>

#include <memory>

namespace vmstick::linux_backend {
namespace {

constexpr unsigned kTimeoutMs = 1000;
constexpr std::uint16_t kMaxBosBytes = 4096;
constexpr std::uint8_t kBosHeaderBytes = 5;

struct ContextCloser {
  void operator()(libusb_context* c) const { libusb_exit(c); }
};
struct ListFree {
  void operator()(libusb_device** l) const { libusb_free_device_list(l, 1); }
};
struct HandleCloser {
  void operator()(libusb_device_handle* h) const { libusb_close(h); }
};

std::string node(unsigned bus, unsigned address) { return fmt::format("/dev/bus/usb/{:03}/{:03}", bus, address); }

Error usb_error(int code, const std::string& what, unsigned bus, unsigned address) {
  if (code == LIBUSB_ERROR_ACCESS) {
    return make_error(ErrorCode::PermissionDenied,
                      "asking the device needs write access to " + node(bus, address) +
                          " (run vmstick as root, e.g. sudo vmstick drives, to read it)");
  }
  return make_error(code == LIBUSB_ERROR_NO_DEVICE ? ErrorCode::NotFound : ErrorCode::Io,
                    what + " failed: " + libusb_error_name(code), node(bus, address));
}

}  // namespace

Result<std::vector<std::uint8_t>> read_bos_from_device(unsigned bus, unsigned address) {
  libusb_context* raw_ctx = nullptr;
  if (int r = libusb_init(&raw_ctx); r != 0) return usb_error(r, "starting libusb", bus, address);
  std::unique_ptr<libusb_context, ContextCloser> ctx(raw_ctx);

  libusb_device** raw_list = nullptr;
  const ssize_t count = libusb_get_device_list(ctx.get(), &raw_list);
  if (count < 0) return usb_error(static_cast<int>(count), "listing USB devices", bus, address);
  std::unique_ptr<libusb_device*, ListFree> list(raw_list);
  libusb_device* device = nullptr;
  for (ssize_t i = 0; i < count; ++i) {
    if (libusb_get_bus_number(raw_list[i]) == bus && libusb_get_device_address(raw_list[i]) == address) device = raw_list[i];
  }
  if (!device) {
    return make_error(ErrorCode::NotFound, "the device is gone (unplugged while it was probed?)", node(bus, address));
  }

  libusb_device_handle* raw_handle = nullptr;
  if (int r = libusb_open(device, &raw_handle); r != 0) return usb_error(r, "opening the device", bus, address);
  std::unique_ptr<libusb_device_handle, HandleCloser> handle(raw_handle);

  // The 5-byte header first: its wTotalLength says how much to ask for.
  std::vector<std::uint8_t> bytes(kBosHeaderBytes);
  int got = libusb_get_descriptor(handle.get(), LIBUSB_DT_BOS, 0, bytes.data(), kBosHeaderBytes);
  if (got < 0) return usb_error(got, "GET_DESCRIPTOR(BOS)", bus, address);
  if (got < kBosHeaderBytes || bytes[1] != LIBUSB_DT_BOS) {
    return make_error(ErrorCode::Corrupt, fmt::format("the device answered GET_DESCRIPTOR(BOS) with {} bytes that are not a BOS header", got),
                      node(bus, address));
  }
  const auto total = static_cast<std::uint16_t>(bytes[2] | (bytes[3] << 8));
  if (total < kBosHeaderBytes || total > kMaxBosBytes) {
    return make_error(ErrorCode::Corrupt, fmt::format("the device's BOS claims {} bytes", total), node(bus, address));
  }
  bytes.assign(total, 0);
  got = libusb_get_descriptor(handle.get(), LIBUSB_DT_BOS, 0, bytes.data(), static_cast<int>(total));
  if (got < 0) return usb_error(got, "GET_DESCRIPTOR(BOS)", bus, address);
  if (got != total) {
    return make_error(ErrorCode::Corrupt, fmt::format("the device sent {} of the {} BOS bytes it announced", got, total),
                      node(bus, address));
  }
  return bytes;
}

}  // namespace vmstick::linux_backend
