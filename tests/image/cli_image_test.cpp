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
