// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a measured figure sits against published reference points, so a
// user can read "like a USB 2.0 stick" instead of a bare number:
//   USB 2.0 stick: 30-40 MB/s sequential read.
//   Cheap USB 3 stick (Lexar S75, CrystalDiskMark): ~1000 random 4K read
//     and ~140 random 4K write IOPS at QD1.
//   Windows To Go certification: >= 2000 random 4K IOPS read and write,
//     >= 80 MB/s sequential read and write.
#include <string_view>

namespace vmstick::bench {

enum class SpeedClass {
  BelowUsb2Stick,   // sequential below a USB 2.0 stick; random below half a cheap USB 3 stick
  Usb2Stick,        // sequential like a USB 2.0 stick (30-45 MB/s)
  CheapUsb3Stick,   // above USB 2.0 / around a cheap USB 3 stick, below Windows To Go
  WindowsToGo,      // meets the Windows To Go figure
};

std::string_view to_string(SpeedClass c);  // "below_usb2_stick", ...

inline constexpr double kUsb2StickMbps = 30;     // bottom of the 30-40 MB/s band
inline constexpr double kUsb2StickTopMbps = 45;  // 40 MB/s plus measuring slack
inline constexpr double kWtgSequentialMbps = 80;
inline constexpr double kCheapUsb3ReadIops = 1000;
inline constexpr double kCheapUsb3WriteIops = 140;
inline constexpr double kWtgRandomIops = 2000;

SpeedClass classify_sequential_mbps(double mbps);
SpeedClass classify_random_read_iops(double iops);
SpeedClass classify_random_write_iops(double iops);

}  // namespace vmstick::bench
