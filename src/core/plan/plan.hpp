// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Plan a portable VM": a pure function from what the user wants (where the VM
// must run, with which hypervisors, which disk) and what we measured (the
// stick's filesystem, size and speed) to a plan (filesystem, image format and
// variant, alignment, expected performance, exact commands). The GUI wizard
// only collects the inputs and shows the result, so the decisions are tested
// here without Qt.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick::plan {

// Capitalised because moc and GNU mode predefine `linux` as a macro.
enum class Os { Windows, MacOS, Linux };
enum class Hypervisor { VirtualBox, VMware, HyperV, Qemu };
enum class Filesystem { exFAT, NTFS, ext4, APFS, FAT32 };
enum class ImageFormat { VDI, VMDK, VHD, VHDX, QCOW2 };
// fixed: all blocks allocated at creation (no growth writes later, no
// fragmentation); dynamic: grows as the guest writes; split2g: VMDK in 2 GB
// pieces, the only way past FAT32's 4 GiB file limit.
enum class Variant { fixed, dynamic, split2g_fixed, split2g_dynamic };
enum class SpeedClass { unknown, too_slow, usable, good, fast };
enum class Shell { posix, powershell };

std::string_view to_string(Os v);
std::string_view to_string(Hypervisor v);
std::string_view to_string(Filesystem v);
std::string_view to_string(ImageFormat v);
std::string_view to_string(Variant v);
std::string_view to_string(SpeedClass v);
std::optional<Os> os_from_string(std::string_view s);
std::optional<Hypervisor> hypervisor_from_string(std::string_view s);
std::optional<Filesystem> filesystem_from_string(std::string_view s);  // also "vfat", "fat32", "exfat"...
std::optional<ImageFormat> format_from_string(std::string_view s);     // also "vpc", "qcow2"

struct Input {
  std::vector<Os> run_on;                // every OS whose machines must run (and so write) the VM
  std::vector<Hypervisor> hypervisors;   // which hypervisors must open the disk
  std::string target_dir;                // folder on the stick for the VM
  std::string vm_name{"portable-vm"};    // file name stem; sanitised
  std::string guest_os;                  // free text shown in the plan ("Debian 12")
  std::uint64_t disk_bytes{0};           // new disk size, or the existing image's virtual size
  std::uint64_t ram_bytes{0};
  // An existing image to carry over instead of a new one.
  std::optional<std::string> existing_image;
  std::optional<ImageFormat> existing_format;
  // What we know about the stick (absent = not known).
  std::optional<Filesystem> current_filesystem;
  bool keep_current_filesystem{false};   // the user will not reformat
  std::optional<std::uint64_t> capacity_bytes;
  std::optional<double> seq_read_mbps;
  std::optional<double> seq_write_mbps;
};

struct Command {
  std::string tool;  // "qemu-img", "VBoxManage", "vmware-vdiskmanager", "New-VHD"
  Shell shell{Shell::posix};
  std::string line;  // exactly what to paste
};

// A note is a message id with its values; plan_text turns it into words in
// either language, so the plan itself stays language-neutral.
struct Note {
  std::string id;
  std::vector<std::pair<std::string, std::string>> values;
};

struct Plan {
  Filesystem filesystem{Filesystem::exFAT};
  Note filesystem_reason;
  bool reformat_needed{false};  // current filesystem is known and differs
  ImageFormat format{ImageFormat::VDI};
  Note format_reason;
  Variant variant{Variant::dynamic};
  Note variant_reason;
  std::uint32_t partition_offset_bytes{1024 * 1024};
  std::uint32_t cluster_bytes{0};
  SpeedClass speed{SpeedClass::unknown};
  std::optional<double> fixed_create_seconds;  // time to write a fixed image at the measured speed
  std::string image_path;                      // where the disk will live
  std::vector<Command> commands;               // create (or convert) the disk
  std::vector<Note> notes;                     // things that will not work, need care or are worth knowing
};

// Caps on what a plan accepts; sizes beyond them are typos, not VMs.
inline constexpr std::uint64_t kMaxDiskBytes = 64ULL << 40;  // 64 TiB
inline constexpr std::uint64_t kMinDiskBytes = 16ULL << 20;  // 16 MiB
inline constexpr std::uint64_t kFat32MaxFile = (4ULL << 30) - 1;

// InvalidArgument naming the field when the input makes no plan possible.
Result<Plan> make_plan(const Input& in);

// POSIX shell single-quoting: safe for any byte but NUL.
std::string quote_posix(std::string_view s);
std::string quote_powershell(std::string_view s);

}  // namespace vmstick::plan
