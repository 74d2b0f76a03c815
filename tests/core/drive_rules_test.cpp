// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "core/probes/drive/volume_derive.hpp"
#include "core/rules/rule.hpp"

using namespace vmstick;

namespace {
template <class T>
Fact<T> k(T v) { return Fact<T>::known(std::move(v), "test"); }

FactSet usb_stick() {
  FactSet f;
  DriveFacts d;
  d.id = "/dev/sdb";
  d.vendor = k<std::string>("SanDisk");
  d.model = k<std::string>("Extreme");
  d.bus = k<std::string>("usb");
  d.write_protected = k(false);
  d.usb.speed_mbps = k<std::uint32_t>(5000);
  d.usb.port_path = k<std::string>("2-1");
  d.usb.bos_superspeed = k(true);
  d.usb.transport = k<std::string>("uas");
  d.usb.max_power_ma = k<std::uint32_t>(896);
  d.usb.port_budget_ma = k<std::uint32_t>(900);
  d.usb.bus_powered_hub = k(false);
  d.usb.card_reader = k(false);
  VolumeFacts v;
  v.id = "/dev/sdb1";
  v.number = k<std::uint32_t>(1);
  v.start_bytes = k<std::uint64_t>(1 << 20);
  v.fs_type = k<std::string>("exfat");
  v.mounted_sync = k(false);
  v.read_only = k(false);
  v.free_bytes = k<std::uint64_t>(100ull << 30);
  derive_volume_facts(v);
  d.volumes.push_back(v);
  d.target_volume = 0;
  f.drives.push_back(d);
  f.target_drive = 0;
  return f;
}

std::vector<std::string> ids(const FactSet& f) {
  RuleRegistry r;
  register_drive_rules(r);
  std::vector<std::string> out;
  for (const auto& x : r.evaluate(f, Catalog::builtin())) out.push_back(x.id);
  std::sort(out.begin(), out.end());
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("drive rules: a good UAS stick on exFAT at 5000 Mb/s has no finding") { CHECK(ids(usb_stick()).empty()); }

TEST_CASE("drive rules: USB link") {
  auto f = usb_stick();
  auto& u = f.drives[0].usb;
  u.speed_mbps = k<std::uint32_t>(480);
  u.port_usb3_capable = k(false);
  CHECK(ids(f) == V{"drive.usb3_device_at_high_speed"});
  u.port_usb3_capable = k(true);
  CHECK(ids(f) == V{"drive.usb3_device_at_high_speed_on_usb3_port"});
  u.bos_superspeed = k(false);
  CHECK(ids(f) == V{"drive.usb2_only_device"});
  u.bos_superspeed = Fact<bool>::unknown("no BOS");
  CHECK(ids(f) == V{"drive.usb_slow_link_capability_unknown"});
  u.speed_mbps = Fact<std::uint32_t>::unknown("gone");
  CHECK(ids(f).empty());
}

TEST_CASE("drive rules: transport, power, card reader") {
  auto f = usb_stick();
  auto& u = f.drives[0].usb;
  u.transport = k<std::string>("bot");
  u.max_power_ma = k<std::uint32_t>(896);
  u.port_budget_ma = k<std::uint32_t>(500);
  u.card_reader = k(true);
  CHECK(ids(f) == V{"drive.bulk_only_transport", "drive.card_reader", "drive.power_above_port_budget"});
  u.port_budget_ma = k<std::uint32_t>(900);
  u.bus_powered_hub = k(true);
  u.transport = Fact<std::string>::unknown("x");
  u.card_reader = Fact<bool>::unknown("x");
  CHECK(ids(f) == V{"drive.behind_bus_powered_hub"});
}

namespace {
FactSet fat32_stick_with_image() {
  auto f = usb_stick();
  auto& v = f.drives[0].volumes[0];
  v.fs_type = k<std::string>("vfat");
  v.fs_version = k<std::string>("FAT32");
  derive_volume_facts(v);
  f.image = ImageFacts{};
  return f;
}
}  // namespace

TEST_CASE("drive rules: FAT32 cannot hold a large image, free space, planned OSes") {
  auto f = fat32_stick_with_image();
  auto& v = f.drives[0].volumes[0];
  f.image->virtual_size_bytes = k<std::uint64_t>(20ull << 30);
  CHECK(ids(f) == V{"drive.image_exceeds_max_file_size"});
  v.free_bytes = k<std::uint64_t>(10ull << 30);
  CHECK(ids(f) == V{"drive.free_space_below_image_growth", "drive.image_exceeds_max_file_size"});
  // A split VMDK's extents stay near 2 GiB each: FAT32 holds any size of it.
  v.free_bytes = k<std::uint64_t>(100ull << 30);
  f.image->largest_file_reach_bytes = k<std::uint64_t>(2ull << 30);
  CHECK(ids(f).empty());
  f.image->largest_file_reach_bytes = k<std::uint64_t>(20ull << 30);
  CHECK(ids(f) == V{"drive.image_exceeds_max_file_size"});
  v.fs_type = k<std::string>("ext4");
  derive_volume_facts(v);
  CHECK(ids(f) == V{"drive.fs_not_writable_on_os"});
  f.run_on = {"linux"};
  CHECK(ids(f).empty());
  v.fs_type = k<std::string>("ntfs");
  derive_volume_facts(v);
  f.run_on = {"windows", "macos"};
  RuleRegistry r;
  register_drive_rules(r);
  auto found = r.evaluate(f, Catalog::builtin());
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence[1].second == "macOS");
}

TEST_CASE("drive rules: alignment, sync, read-only, unknown is not a finding") {
  auto f = usb_stick();
  auto& v = f.drives[0].volumes[0];
  v.start_bytes = k<std::uint64_t>(63 * 512);
  derive_volume_facts(v);
  CHECK(ids(f) == V{"drive.partition_misaligned_4k"});
  v.start_bytes = k<std::uint64_t>(64 * 512);
  derive_volume_facts(v);
  CHECK(ids(f) == V{"drive.partition_not_1mib_aligned"});
  v.start_bytes = Fact<std::uint64_t>::unknown("x");
  derive_volume_facts(v);
  v.mounted_sync = k(true);
  v.read_only = k(true);
  CHECK(ids(f) == V{"drive.mounted_sync", "drive.read_only"});
  v.mounted_sync = Fact<bool>::unknown("not mounted");
  v.read_only = Fact<bool>::unknown("x");
  f.drives[0].write_protected = Fact<bool>::unknown("x");
  CHECK(ids(f).empty());
}

TEST_CASE("drive facts: labels with control characters are cleaned and bounded") {
  CHECK(clean_label("A\x1b[31mB\n") == "A?[31mB?");
  CHECK(clean_label("<b>x</b>") == "<b>x</b>");
  CHECK(clean_label(std::string(300, 'x')).size() == 128);
  const std::string cjk = "\xE4\xB8\xAD";  // one 3-byte character
  std::string many;
  for (int i = 0; i < 50; ++i) many += cjk;
  auto c = clean_label(many);
  CHECK(c.size() == 126);
}

namespace {
// Evidence value of the free-space finding, or "" when it was not raised.
std::map<std::string, std::string> free_space_evidence(const FactSet& f) {
  RuleRegistry r;
  register_drive_rules(r);
  for (const auto& found : r.evaluate(f, Catalog::builtin())) {
    if (found.id != "drive.free_space_below_image_growth") continue;
    return {found.evidence.begin(), found.evidence.end()};
  }
  return {};
}
}  // namespace

TEST_CASE("drive rules: free space counts the image's growth and its copy, not its whole virtual size") {
  auto f = usb_stick();
  auto& v = f.drives[0].volumes[0];
  v.mount_point = k<std::string>("/media/stick");
  v.free_bytes = k<std::uint64_t>(10ull << 30);
  f.image = ImageFacts{};
  f.image->virtual_size_bytes = k<std::uint64_t>(40ull << 30);
  f.image->allocated_bytes = k<std::uint64_t>(35ull << 30);
  f.image->total_file_bytes = k<std::uint64_t>(35ull << 30);

  SECTION("already on the stick: only the 5 GiB of growth must fit") {
    f.image->files = k<std::vector<std::string>>({"/media/stick/vm/disk.vdi"});
    CHECK(free_space_evidence(f).empty());
    v.free_bytes = k<std::uint64_t>(4ull << 30);
    const auto ev = free_space_evidence(f);
    CHECK(ev.at("need") == "5.0 GiB");
    CHECK(ev.at("copy") == "0.0 GiB");
    CHECK(ev.at("growth") == "5.0 GiB");
  }
  SECTION("a folder whose name only starts like the mount point is not on it") {
    f.image->files = k<std::vector<std::string>>({"/media/stick2/disk.vdi"});
    const auto ev = free_space_evidence(f);
    CHECK(ev.at("need") == "40.0 GiB");
    CHECK(ev.at("copy") == "35.0 GiB");
  }
  SECTION("elsewhere: the files must be copied and then grow") {
    f.image->files = k<std::vector<std::string>>({"/home/u/disk.vdi"});
    v.free_bytes = k<std::uint64_t>(39ull << 30);
    CHECK(free_space_evidence(f).at("need") == "40.0 GiB");
    v.free_bytes = k<std::uint64_t>(41ull << 30);
    CHECK(free_space_evidence(f).empty());
  }
  SECTION("allocation unknown: the whole virtual size is the growth") {
    f.image->files = k<std::vector<std::string>>({"/media/stick/disk.vdi"});
    f.image->allocated_bytes = Fact<std::uint64_t>::unknown("raw image");
    const auto ev = free_space_evidence(f);
    CHECK(ev.at("growth") == "40.0 GiB");
    CHECK(ev.at("size") == "40.0 GiB");
  }
  SECTION("file sizes unknown and not on the stick: never less than the virtual size") {
    f.image->files = Fact<std::vector<std::string>>::unknown("config only");
    f.image->total_file_bytes = Fact<std::uint64_t>::unknown("config only");
    v.free_bytes = k<std::uint64_t>(39ull << 30);
    CHECK(free_space_evidence(f).at("need") == "40.0 GiB");
  }
  SECTION("a fixed image on the stick needs nothing more") {
    f.image->files = k<std::vector<std::string>>({"/media/stick/disk.vhd"});
    f.image->allocated_bytes = k<std::uint64_t>(40ull << 30);
    v.free_bytes = k<std::uint64_t>(0);
    CHECK(free_space_evidence(f).empty());
  }
  SECTION("a VM with two disks: both are copied and both grow") {
    f.image->files = k<std::vector<std::string>>({"/home/u/disk.vdi"});
    ImageFacts data;
    data.path = "data.vdi";
    data.virtual_size_bytes = k<std::uint64_t>(20ull << 30);
    data.allocated_bytes = k<std::uint64_t>(2ull << 30);
    data.total_file_bytes = k<std::uint64_t>(2ull << 30);
    data.files = k<std::vector<std::string>>({"/home/u/data.vdi"});
    f.image->other_disks.push_back(data);
    v.free_bytes = k<std::uint64_t>(41ull << 30);  // enough for the boot disk alone
    const auto ev = free_space_evidence(f);
    CHECK(ev.at("copy") == "37.0 GiB");
    CHECK(ev.at("growth") == "23.0 GiB");
    CHECK(ev.at("need") == "60.0 GiB");
    CHECK(ev.at("size") == "60.0 GiB");
    CHECK(ev.at("disks") == "2");
    // A disk whose size nobody knows: no sum is claimed at all.
    f.image->other_disks.back().virtual_size_bytes = Fact<std::uint64_t>::unknown("unreadable");
    CHECK(free_space_evidence(f).empty());
  }
}

TEST_CASE("drive rules: every disk of a VM must fit FAT32's file limit, and the finding names the disk") {
  auto f = fat32_stick_with_image();
  f.image->path = "/vms/vm.vmx";
  f.image->disk_path = "/vms/boot.vmdk";
  f.image->virtual_size_bytes = k<std::uint64_t>(20ull << 30);
  f.image->largest_file_reach_bytes = k<std::uint64_t>(2ull << 30);  // split VMDK
  ImageFacts data;
  data.path = "data.vmdk";
  data.disk_path = "/vms/data.vmdk";
  data.virtual_size_bytes = k<std::uint64_t>(8ull << 30);
  data.largest_file_reach_bytes = k<std::uint64_t>(8ull << 30);  // monolithic
  f.image->other_disks.push_back(data);
  RuleRegistry r;
  register_drive_rules(r);
  const auto found = r.evaluate(f, Catalog::builtin());
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "drive.image_exceeds_max_file_size");
  CHECK(found[0].subject == f.drives[0].volumes[0].id + " (data.vmdk)");
  const std::map<std::string, std::string> ev(found[0].evidence.begin(), found[0].evidence.end());
  CHECK(ev.at("disk") == "/vms/data.vmdk");
  CHECK(ev.at("size") == "8.0 GiB");
}
