// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/plan/plan.hpp"
#include "core/plan/plan_text.hpp"

using namespace vmstick;
using namespace vmstick::plan;

namespace {

constexpr std::uint64_t GiB = 1ULL << 30;

std::vector<std::string> note_ids_of(const Plan& p) {
  std::vector<std::string> ids;
  for (const auto& n : p.notes) ids.push_back(n.id);
  return ids;
}

const Command* command(const Plan& p, std::string_view tool) {
  for (const auto& c : p.commands)
    if (c.tool == tool) return &c;
  return nullptr;
}

Input base() {
  Input in;
  in.target_dir = "/media/stick/vms";
  in.vm_name = "debian";
  in.guest_os = "Debian 12";
  in.disk_bytes = 20 * GiB;
  in.ram_bytes = 4 * GiB;
  return in;
}

}  // namespace

TEST_CASE("plan: all three OSes with VirtualBox and VMware on a roomy exFAT stick") {
  Input in = base();
  in.run_on = {Os::Windows, Os::MacOS, Os::Linux};
  in.hypervisors = {Hypervisor::VirtualBox, Hypervisor::VMware};
  in.current_filesystem = Filesystem::exFAT;
  in.capacity_bytes = 64 * GiB;
  in.seq_read_mbps = 180;
  in.seq_write_mbps = 90;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  const Plan& p = *r;
  CHECK(p.filesystem == Filesystem::exFAT);
  CHECK(p.filesystem_reason.id == "fs.exfat.shared");
  CHECK_FALSE(p.reformat_needed);
  CHECK(p.format == ImageFormat::VMDK);
  CHECK(p.variant == Variant::fixed);
  CHECK(p.cluster_bytes == 128 * 1024);
  CHECK(p.partition_offset_bytes == 1024 * 1024);
  CHECK(p.speed == SpeedClass::good);  // the slower of the two, 90 MB/s
  REQUIRE(p.fixed_create_seconds);
  CHECK(*p.fixed_create_seconds == Approx(20.0 * GiB / 90e6));
  CHECK(p.image_path == "/media/stick/vms/debian.vmdk");
  CHECK(p.notes.empty());
  REQUIRE(p.commands.size() == 3);
  CHECK(command(p, "qemu-img")->line ==
        "qemu-img create -f vmdk -o subformat=monolithicFlat '/media/stick/vms/debian.vmdk' 20480M");
  CHECK(command(p, "VBoxManage")->line ==
        "VBoxManage createmedium disk --filename '/media/stick/vms/debian.vmdk' --size 20480 --format VMDK "
        "--variant Fixed");
  CHECK(command(p, "vmware-vdiskmanager")->line ==
        "vmware-vdiskmanager -c -s 20480MB -a lsilogic -t 2 '/media/stick/vms/debian.vmdk'");
}

TEST_CASE("plan: Linux only with QEMU, stick size and speed unknown") {
  Input in = base();
  in.run_on = {Os::Linux};
  in.hypervisors = {Hypervisor::Qemu};
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->filesystem == Filesystem::ext4);
  CHECK(r->format == ImageFormat::QCOW2);
  CHECK(r->variant == Variant::dynamic);
  CHECK(r->variant_reason.id == "variant.dynamic.capacity_unknown");
  CHECK(r->speed == SpeedClass::unknown);
  CHECK_FALSE(r->fixed_create_seconds);
  CHECK_FALSE(r->reformat_needed);  // unknown current filesystem is not "different"
  REQUIRE(r->commands.size() == 1);
  CHECK(r->commands[0].line == "qemu-img create -f qcow2 '/media/stick/vms/debian.qcow2' 20480M");
}

TEST_CASE("plan: Windows only with Hyper-V on a FAT32 stick means reformatting to NTFS") {
  Input in = base();
  in.run_on = {Os::Windows};
  in.hypervisors = {Hypervisor::HyperV};
  in.target_dir = "E:\\VMs\\";
  in.vm_name = "win 11 (test)";
  in.current_filesystem = Filesystem::FAT32;
  in.capacity_bytes = 128 * GiB;
  in.seq_write_mbps = 5;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->filesystem == Filesystem::NTFS);
  CHECK(r->filesystem_reason.id == "fs.ntfs.windows_only");
  CHECK(r->reformat_needed);
  CHECK(r->format == ImageFormat::VHDX);
  CHECK(r->variant == Variant::fixed);
  CHECK(r->speed == SpeedClass::too_slow);
  CHECK(r->image_path == "E:\\VMs\\win-11--test-.vhdx");
  const auto ids = note_ids_of(*r);
  CHECK(ids == std::vector<std::string>{"fs.reformat", "speed.too_slow"});
  CHECK(note_text(r->notes[0], Lang::en) ==
        "The stick is formatted fat32 now; formatting it as ntfs ERASES everything on it. Copy your files off first.");
  const Command* ps = command(*r, "New-VHD");
  REQUIRE(ps != nullptr);
  CHECK(ps->shell == Shell::powershell);
  CHECK(ps->line == "New-VHD -Path 'E:\\VMs\\win-11--test-.vhdx' -SizeBytes 21474836480 -Fixed");
  CHECK(command(*r, "qemu-img")->line ==
        "qemu-img create -f vhdx -o subformat=fixed 'E:\\VMs\\win-11--test-.vhdx' 20480M");
}

TEST_CASE("plan: keeping a FAT32 stick splits a big disk into 2 GB VMDK pieces") {
  Input in = base();
  in.run_on = {Os::Windows, Os::Linux};
  in.hypervisors = {Hypervisor::VirtualBox, Hypervisor::Qemu};
  in.current_filesystem = Filesystem::FAT32;
  in.keep_current_filesystem = true;
  in.capacity_bytes = 16 * GiB;  // 20 GiB does not fit: dynamic
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->filesystem == Filesystem::FAT32);
  CHECK(r->filesystem_reason.id == "fs.kept");
  CHECK(r->format == ImageFormat::VMDK);
  CHECK(r->format_reason.id == "format.vmdk.fat32_split");
  CHECK(r->variant == Variant::split2g_dynamic);
  CHECK(r->cluster_bytes == 32 * 1024);
  CHECK(note_ids_of(*r) == std::vector<std::string>{"disk.exceeds_stick"});
  CHECK(command(*r, "qemu-img")->line ==
        "qemu-img create -f vmdk -o subformat=twoGbMaxExtentSparse '/media/stick/vms/debian.vmdk' 20480M");
  CHECK(command(*r, "VBoxManage")->line.ends_with("--format VMDK --variant Standard,Split2G"));
}

TEST_CASE("plan: FAT32 with Hyper-V cannot hold the disk and says so") {
  Input in = base();
  in.run_on = {Os::Windows};
  in.hypervisors = {Hypervisor::HyperV};
  in.current_filesystem = Filesystem::FAT32;
  in.keep_current_filesystem = true;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->format == ImageFormat::VHDX);
  const auto ids = note_ids_of(*r);
  CHECK(std::find(ids.begin(), ids.end(), "fs.fat32_too_big") != ids.end());
}

TEST_CASE("plan: an existing qcow2 image is converted for VirtualBox on Windows and Linux") {
  Input in = base();
  in.run_on = {Os::Windows, Os::Linux};
  in.hypervisors = {Hypervisor::VirtualBox};
  in.existing_image = "/home/me/it's mine.qcow2";
  in.existing_format = ImageFormat::QCOW2;
  in.current_filesystem = Filesystem::NTFS;
  in.capacity_bytes = 256 * GiB;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->filesystem == Filesystem::NTFS);
  CHECK(r->filesystem_reason.id == "fs.ntfs.windows_linux");
  CHECK(r->format == ImageFormat::VDI);
  CHECK(r->variant == Variant::fixed);
  // VirtualBox cannot read qcow2, so only qemu-img converts it.
  REQUIRE(r->commands.size() == 1);
  CHECK(r->commands[0].line ==
        "qemu-img convert -p -f qcow2 -O vdi -o static=on '/home/me/it'\\''s mine.qcow2' '/media/stick/vms/debian.vdi'");
}

TEST_CASE("plan: an existing VMDK that every hypervisor opens is copied as it is") {
  Input in = base();
  in.run_on = {Os::MacOS};
  in.hypervisors = {Hypervisor::VMware, Hypervisor::VirtualBox};
  in.existing_image = "/Users/me/vm.vmdk";
  in.existing_format = ImageFormat::VMDK;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(r->filesystem == Filesystem::APFS);
  CHECK(r->format == ImageFormat::VMDK);
  CHECK(r->format_reason.id == "format.keep");
  CHECK(r->commands.empty());
  CHECK(note_ids_of(*r) == std::vector<std::string>{"image.copy_as_is"});
}

TEST_CASE("plan: Hyper-V chosen for a Mac-only VM is flagged") {
  Input in = base();
  in.run_on = {Os::MacOS};
  in.hypervisors = {Hypervisor::HyperV};
  auto r = make_plan(in);
  REQUIRE(r.ok());
  REQUIRE(r->notes.size() == 1);
  CHECK(r->notes[0].id == "hv.not_on_os");
  CHECK(note_text(r->notes[0], Lang::zh_CN) == "hyperv 无法在所选的任何操作系统上运行。");
}

TEST_CASE("plan: keeping NTFS while a Mac must run the VM warns about read-only NTFS") {
  Input in = base();
  in.run_on = {Os::MacOS, Os::Windows};
  in.hypervisors = {Hypervisor::VirtualBox};
  in.current_filesystem = Filesystem::NTFS;
  in.keep_current_filesystem = true;
  auto r = make_plan(in);
  REQUIRE(r.ok());
  CHECK(note_ids_of(*r) == std::vector<std::string>{"fs.ntfs_readonly_macos"});
}

TEST_CASE("plan: impossible inputs are refused with the field named") {
  Input in = base();
  in.run_on = {Os::Linux};
  in.hypervisors = {Hypervisor::Qemu};
  SECTION("no OS") {
    in.run_on.clear();
    auto r = make_plan(in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().context == "run_on");
  }
  SECTION("no hypervisor") {
    in.hypervisors.clear();
    REQUIRE_FALSE(make_plan(in).ok());
  }
  SECTION("absurd disk size") {
    in.disk_bytes = kMaxDiskBytes + 1;
    auto r = make_plan(in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().context == "disk_bytes");
  }
  SECTION("control characters in the folder") {
    in.target_dir = "/media/x\n rm -rf /";
    auto r = make_plan(in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().context == "target_dir");
  }
}

TEST_CASE("plan: every note has English and Chinese words") {
  for (const auto& id : note_ids()) {
    INFO(id);
    const std::string en = note_text({id, {}}, Lang::en);
    const std::string zh = note_text({id, {}}, Lang::zh_CN);
    CHECK(en != id);
    CHECK(zh != en);
    // Chinese text carries at least one CJK ideograph (UTF-8 lead byte 0xE4..0xE9).
    CHECK(std::any_of(zh.begin(), zh.end(), [](char c) {
      const auto b = static_cast<unsigned char>(c);
      return b >= 0xE4 && b <= 0xE9;
    }));
  }
}

TEST_CASE("plan: text and JSON forms carry the decisions") {
  Input in = base();
  in.run_on = {Os::Linux};
  in.hypervisors = {Hypervisor::Qemu};
  auto r = make_plan(in);
  REQUIRE(r.ok());
  const std::string en = plan_text(in, *r, Lang::en);
  CHECK(en.find("Filesystem: ext4") != std::string::npos);
  CHECK(en.find("qemu-img create -f qcow2") != std::string::npos);
  const std::string zh = plan_text(in, *r, Lang::zh_CN);
  CHECK(zh.find("文件系统：ext4") != std::string::npos);
  const auto j = plan_json(in, *r);
  CHECK(j["filesystem"] == "ext4");
  CHECK(j["format"] == "qcow2");
  CHECK(j["variant"] == "dynamic");
  CHECK(j["commands"].size() == 1);
  CHECK(j["input"]["run_on"][0] == "linux");
}

TEST_CASE("plan: names parse back the way probes report them") {
  CHECK(filesystem_from_string("vfat") == Filesystem::FAT32);
  CHECK(filesystem_from_string("exFAT") == Filesystem::exFAT);
  CHECK(format_from_string("vpc") == ImageFormat::VHD);
  CHECK_FALSE(format_from_string("raw"));
  CHECK(os_from_string("linux") == Os::Linux);
  CHECK(hypervisor_from_string("HyperV") == Hypervisor::HyperV);
}
