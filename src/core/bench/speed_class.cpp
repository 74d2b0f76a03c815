// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/speed_class.hpp"

namespace vmstick::bench {
namespace {

// Random figures have no USB 2.0 reference point, so their scale skips
// Usb2Stick: below half the cheap stick, cheap-stick class, Windows To Go.
SpeedClass classify_random(double iops, double cheap_stick) {
  if (iops >= kWtgRandomIops) return SpeedClass::WindowsToGo;
  if (iops >= cheap_stick / 2) return SpeedClass::CheapUsb3Stick;
  return SpeedClass::BelowUsb2Stick;
}

}  // namespace

std::string_view to_string(SpeedClass c) {
  switch (c) {
    case SpeedClass::BelowUsb2Stick: return "below_usb2_stick";
    case SpeedClass::Usb2Stick: return "usb2_stick";
    case SpeedClass::CheapUsb3Stick: return "cheap_usb3_stick";
    case SpeedClass::WindowsToGo: return "windows_to_go";
  }
  return "unknown";
}

SpeedClass classify_sequential_mbps(double mbps) {
  if (mbps >= kWtgSequentialMbps) return SpeedClass::WindowsToGo;
  if (mbps >= kUsb2StickTopMbps) return SpeedClass::CheapUsb3Stick;
  if (mbps >= kUsb2StickMbps) return SpeedClass::Usb2Stick;
  return SpeedClass::BelowUsb2Stick;
}

SpeedClass classify_random_read_iops(double iops) { return classify_random(iops, kCheapUsb3ReadIops); }
SpeedClass classify_random_write_iops(double iops) { return classify_random(iops, kCheapUsb3WriteIops); }

}  // namespace vmstick::bench
