// SPDX-License-Identifier: GPL-3.0-or-later
// `vmstick image PATH [--json]` and `vmstick check --image PATH` end to end.
#include <unistd.h>

#include "image_support.hpp"
#include "support/fixtures.hpp"

using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

CmdResult vmstick_cli(const std::string& args) { return sh(vmstick_cmd(args, "cli_image")); }

}  // namespace

TEST_CASE("vmstick image --json reports the qcow2 chain and the conversion commands") {
  const fs::path dir = temp_dir("cli_image_" + std::to_string(getpid()));
  must("qemu-img create -q -f qcow2 " + q(dir / "base.qcow2") + " 1G");
  must("cd " + q(dir) + " && qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 top.qcow2");
  auto r = vmstick_cli("image --json " + q(dir / "top.qcow2"));
  INFO(r.out);
  CHECK(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["image"]["format"]["value"] == "qcow2");
  CHECK(j["image"]["virtual_size_bytes"]["value"] == 1ull << 30);
  CHECK(j["image"]["chain_state"]["value"] == "complete");
  CHECK(j["image"]["parent_chain"]["value"].size() == 1);
  bool vbox = false;
  for (const auto& f : j["findings"])
    if (f["id"] == "image.convert_for_hypervisor" && f["subject"] == "VirtualBox") {
      vbox = true;
      CHECK(f["fix"].get<std::string>().find("qemu-img convert -p -O vdi") != std::string::npos);
    }
  CHECK(vbox);
}

TEST_CASE("vmstick image on a broken chain exits 2 and names the missing parent") {
  const fs::path dir = temp_dir("cli_image_broken_" + std::to_string(getpid()));
  must("qemu-img create -q -f qcow2 " + q(dir / "base.qcow2") + " 1G");
  must("cd " + q(dir) + " && qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 top.qcow2");
  fs::remove(dir / "base.qcow2");
  auto r = vmstick_cli("image " + q(dir / "top.qcow2"));
  INFO(r.out);
  CHECK(r.rc == 2);
  CHECK(r.out.find("The image's parent chain is broken (missing-parent)") != std::string::npos);
  CHECK(r.out.find("\"base.qcow2\" not found") != std::string::npos);
}

TEST_CASE("vmstick image on a corrupt file exits 3 with the field named, also in Chinese") {
  const fs::path dir = temp_dir("cli_image_corrupt_" + std::to_string(getpid()));
  must("qemu-img create -q -f qcow2 " + q(dir / "bad.qcow2") + " 1G");
  patch(dir / "bad.qcow2", 20, be_bytes(40, 4));
  auto r = vmstick_cli("image " + q(dir / "bad.qcow2"));
  INFO(r.out);
  CHECK(r.rc == 3);
  CHECK(r.out.find("cluster_bits: 40 is outside 9..21") != std::string::npos);
  auto zh = vmstick_cli("--lang zh_CN image " + q(dir / "bad.qcow2"));
  INFO(zh.out);
  CHECK(zh.out.find("无法分析虚拟机映像") != std::string::npos);
}

TEST_CASE("vmstick check --image puts the image facts into the JSON report") {
  const fs::path dir = temp_dir("cli_check_image_" + std::to_string(getpid()));
  must("qemu-img create -q -f vdi " + q(dir / "d.vdi") + " 64M");
  auto r = vmstick_cli("check --root " + q(fixture("intel-vmx")) + " --image " + q(dir / "d.vdi") + " --json " + q(dir / "r.json"));
  INFO(r.out);
  std::ifstream in(dir / "r.json");
  REQUIRE(in.good());
  auto j = nlohmann::json::parse(in);
  CHECK(j["facts"]["image"]["format"]["value"] == "vdi");
  CHECK(j["facts"]["image"]["allocation"]["value"] == "dynamic");
}

TEST_CASE("vmstick image on a .vmx with several disks analyses every one of them") {
  const fs::path dir = temp_dir("cli_image_multi_" + std::to_string(getpid()));
  must("qemu-img create -q -f vmdk " + q(dir / "boot.vmdk") + " 1G");
  must("qemu-img create -q -f vmdk -o subformat=twoGbMaxExtentSparse " + q(dir / "data.vmdk") + " 5G");
  {
    std::ofstream vmx(dir / "multi.vmx");
    vmx << "config.version = \"8\"\n"
           "displayName = \"Multi\"\n"
           "scsi0.present = \"TRUE\"\n"
           "scsi0:0.present = \"TRUE\"\n"
           "scsi0:0.fileName = \"boot.vmdk\"\n"
           "scsi0:1.present = \"TRUE\"\n"
           "scsi0:1.fileName = \"data.vmdk\"\n"
           "sata0.present = \"TRUE\"\n"
           "sata0:1.present = \"TRUE\"\n"
           "sata0:1.fileName = \"gone.vmdk\"\n";
  }
  auto r = vmstick_cli("image --json " + q(dir / "multi.vmx"));
  INFO(r.out);
  auto j = nlohmann::json::parse(r.out);
  const auto& img = j["image"];
  CHECK(img["disk_path"] == (dir / "boot.vmdk").string());
  CHECK(img["largest_file_reach_bytes"]["value"] == 1ull << 30);
  REQUIRE(img["other_disks"].size() == 2);
  const auto& data = img["other_disks"][0];
  const auto data_info = qemu_info(dir / "data.vmdk");
  CHECK(data["format"]["value"] == data_info["format"]);
  CHECK(data["virtual_size_bytes"]["value"] == data_info["virtual-size"]);
  CHECK(data["variant"]["value"] == "twoGbMaxExtentSparse");
  CHECK(data["file_count"]["value"] == 4);  // descriptor + three extents
  CHECK(data["largest_file_reach_bytes"]["value"] == 2ull << 30);
  CHECK(data["disk_controller"]["value"] == "scsi");
  const auto& gone = img["other_disks"][1];
  CHECK(gone["disk_controller"]["value"] == "sata");
  CHECK(gone["format"]["value"].is_null());
  CHECK(gone["format"]["unknown"].get<std::string>().find((dir / "gone.vmdk").string()) != std::string::npos);

  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& f : j["findings"]) found.emplace_back(f["id"], f["subject"]);
  using P = std::pair<std::string, std::string>;
  auto has = [&](const P& p) { return std::find(found.begin(), found.end(), p) != found.end(); };
  CHECK(has(P{"image.unreadable", "gone.vmdk"}));
  // Same format as the boot disk: no second copy of its conversion advice.
  CHECK_FALSE(has(P{"image.convert_for_hypervisor", "Hyper-V (data.vmdk)"}));
  CHECK(has(P{"image.convert_for_hypervisor", "Hyper-V"}));
  // A disk vmstick cannot read is a warning (the VM may still be usable),
  // and the worst finding here.
  CHECK(j["verdict"] == "warning");

  auto text = vmstick_cli("image " + q(dir / "multi.vmx"));
  INFO(text.out);
  CHECK(text.out.find("Disk 2 of the VM (scsi): data.vmdk") != std::string::npos);
  CHECK(text.out.find("Disk 3 of the VM (sata): gone.vmdk") != std::string::npos);
}
