// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Predicts how long a guest takes to boot from the stick, from a documented
// I/O model (docs/scoring.md): a boot is a known number of mostly random small
// reads and writes, each costing one I/O at queue depth 1 plus its bytes at
// sequential speed, plus a fixed non-storage part.
#include <optional>
#include <string>
#include <string_view>

namespace vmstick {

// The drive's speed as the model needs it; 4 KiB random figures at queue depth 1.
struct StorageProfile {
  double seq_read_mbps{0};
  double seq_write_mbps{0};
  double rand_read_iops{0};
  double rand_write_iops{0};
  bool measured{false};  // true: from this drive's speed test; false: typical for its class
  std::string basis;     // what the figures are ("the speed test's figures for this drive", "typical USB 2.0 stick ...")
  // A stable code for basis ("measured", "typical_usb2", ...) that reports
  // word in the reader's language.
  std::string basis_code;
};

// What one guest's boot asks of its disk.
struct GuestIoProfile {
  std::string name;           // "windows", "linux"
  double read_mb{0};          // megabytes read during boot
  double write_mb{0};         // megabytes written
  double io_count{0};         // I/O operations
  double random_fraction{0};  // share of reads that are random
  double write_fraction{0};   // share of I/Os that are writes
  std::string source;         // where the figures come from
};

enum class Feel { fast, usable, slow, painful };
std::string_view to_string(Feel f);

struct Prediction {
  double boot_seconds{0};
  double read_seconds{0};
  double write_seconds{0};
  double base_seconds{0};
  Feel feel{Feel::usable};
  StorageProfile storage;
  GuestIoProfile guest;
};

// Seconds a boot spends outside storage (firmware, CPU-bound init) on a fast
// host; an assumption stated in docs/scoring.md.
inline constexpr double kBaseBootSeconds = 10.0;

// "windows…" → the measured Windows boot; "linux…" → the Linux estimate;
// anything else (unknown guest) → the Windows figures, the heavier of the two.
GuestIoProfile guest_profile_for(std::string_view guest_os);

// Typical figures for a link speed (Mb/s) and transport when no speed test ran;
// nullopt when the link speed is unknown.
std::optional<StorageProfile> typical_storage(std::optional<double> link_mbps, std::optional<bool> uas);

Prediction predict_boot(const StorageProfile& storage, const GuestIoProfile& guest);

}  // namespace vmstick
