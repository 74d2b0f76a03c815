// SPDX-License-Identifier: GPL-3.0-or-later
// `vmstick drives` and `check --drive` on this very machine, compared with
// what findmnt says about the same folder.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/shell.hpp"

namespace {

// stdout only: the callers parse it as JSON or a path and add 2>&1 themselves.
std::string capture(const std::string& cmd, int* status = nullptr) {
  auto r = vmstick::test::sh(cmd, false);
  if (status) *status = r.rc;
  return r.out;
}

std::string vmstick_cmd(const std::string& args) { return vmstick::test::vmstick_cmd(args, "drives_cli"); }

std::string findmnt_fstype(const std::string& path) {
  std::string s = capture("findmnt -n -o FSTYPE -T '" + path + "'");
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

const nlohmann::json* target_volume(const nlohmann::json& drives, const std::string& target_id) {
  for (const auto& d : drives) {
    if (d["id"] != target_id) continue;
    for (const auto& v : d["volumes"]) {
      if (v["id"] == d["target_volume"]) return &v;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("vmstick drives --json names the filesystem findmnt reports for a temp folder") {
  const auto dir = vmstick::test::temp_dir("drives_cli_folder_" + std::to_string(getpid()));
  const std::string expected = findmnt_fstype(dir.string());
  REQUIRE_FALSE(expected.empty());
  int rc = -1;
  const std::string out = capture(vmstick_cmd("drives --json --drive '" + dir.string() + "'"), &rc);
  INFO(out);
  REQUIRE(rc == 0);
  auto j = nlohmann::json::parse(out);
  REQUIRE(j["target_drive"].is_string());
  const auto* v = target_volume(j["drives"], j["target_drive"]);
  REQUIRE(v != nullptr);
  CHECK((*v)["fs_type"]["value"] == expected);
  // statvfs figures are present and plausible (free never above total).
  REQUIRE((*v)["total_bytes"]["value"].is_number());
  CHECK((*v)["free_bytes"]["value"].get<std::uint64_t>() <= (*v)["total_bytes"]["value"].get<std::uint64_t>());
  const std::string mount = capture("findmnt -n -o TARGET -T '" + dir.string() + "'");
  CHECK(mount.rfind((*v)["mount_point"]["value"].get<std::string>(), 0) == 0);
}

TEST_CASE("vmstick check --drive on a temp folder reports that folder's filesystem in the JSON report") {
  const auto dir = vmstick::test::temp_dir("drives_cli_check_" + std::to_string(getpid()));
  const auto report = dir / "report.json";
  int rc = -1;
  const std::string out = capture(vmstick_cmd("check -q --drive '" + dir.string() + "' --json '" + report.string() + "' 2>&1"), &rc);
  INFO(out);
  CHECK(rc != 3);
  FILE* f = std::fopen(report.c_str(), "r");
  REQUIRE(f != nullptr);
  std::string text;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) text.append(buf, n);
  std::fclose(f);
  auto j = nlohmann::json::parse(text);
  const auto& facts = j["facts"];
  REQUIRE(facts["target_drive"].is_string());
  const auto* v = target_volume(facts["drives"], facts["target_drive"]);
  REQUIRE(v != nullptr);
  CHECK((*v)["fs_type"]["value"] == findmnt_fstype(dir.string()));
}

TEST_CASE("vmstick drives: human listing marks the target and a missing path is not a crash") {
  int rc = -1;
  const std::string out = capture(vmstick_cmd("drives --drive /nonexistent/folder/x 2>&1"), &rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK(out.find("* ") != std::string::npos);
}

TEST_CASE("vmstick drives --root replays a recorded tree: FAT32 stick mounted with flush, plus a vanished drive") {
  const auto root = vmstick::test::fixture("usb-fat32-mounted-flush-tree");
  int rc = -1;
  const std::string out =
      capture(vmstick_cmd("drives --json --root '" + root.string() + "' --drive '/media/u/My Stick/vm'"), &rc);
  INFO(out);
  REQUIRE(rc == 0);
  auto j = nlohmann::json::parse(out);
  REQUIRE(j["drives"].size() == 2);
  const auto& d = j["drives"][0];
  CHECK(j["target_drive"] == "/dev/sdb");
  CHECK(d["vendor"]["value"] == "SanDisk");
  CHECK(d["model"]["value"] == "Ultra");
  CHECK(d["serial"]["value"] == "4C530001");
  CHECK(d["capacity_bytes"]["value"] == 60062500ull * 512);
  CHECK(d["partition_table"]["value"] == "mbr");
  CHECK(d["usb"]["speed_mbps"]["value"] == 5000);
  CHECK(d["usb"]["bcd_usb"]["value"] == 0x0320);
  CHECK(d["usb"]["max_power_ma"]["value"] == 896);
  CHECK(d["usb"]["transport"]["value"] == "bot");
  const auto* v = target_volume(j["drives"], "/dev/sdb");
  REQUIRE(v != nullptr);
  CHECK((*v)["fs_type"]["value"] == "vfat");
  CHECK((*v)["fs_version"]["value"] == "FAT32");
  // ESC is replaced; the HTML stays text for the report writers to escape.
  CHECK((*v)["label"]["value"] == "<script>?[2J");
  CHECK((*v)["mount_point"]["value"] == "/media/u/My Stick");
  CHECK((*v)["mounted_sync"]["value"] == true);
  CHECK((*v)["mounted_sync"]["source"] == "mountinfo option flush");
  // The recorded mount point does not exist here: space is unknown, not zero.
  CHECK((*v)["free_bytes"]["value"].is_null());
  // sdc's sysfs directory vanished: listed, every fact unknown with a reason.
  const auto& gone = j["drives"][1];
  CHECK(gone["id"] == "/dev/sdc");
  CHECK(gone["capacity_bytes"]["value"].is_null());
  CHECK(gone["capacity_bytes"]["unknown"].get<std::string>().find("does not exist") != std::string::npos);

  const std::string check = capture(vmstick_cmd("check --root '" + root.string() + "' --drive '/media/u/My Stick/vm' --json '" +
                                                vmstick::test::temp_dir("drives_cli_tree_" + std::to_string(getpid())).string() +
                                                "/r.json' 2>&1"), &rc);
  INFO(check);
  CHECK(rc == 1);
  CHECK(check.find("mounted with synchronous writes") != std::string::npos);
  CHECK(check.find("Bulk-Only transport") != std::string::npos);
}

TEST_CASE("vmstick drives lists the recorded tree in the reader's language") {
  const auto root = vmstick::test::fixture("usb-fat32-mounted-flush-tree");
  const std::string args = "drives --root '" + root.string() + "' --drive '/media/u/My Stick/vm'";
  int rc = -1;
  const std::string en = capture(vmstick_cmd(args), &rc);
  INFO(en);
  CHECK(rc == 0);
  CHECK(en.find("* /dev/sdb  SanDisk Ultra  28.6 GiB  bus usb  removable yes\n"
                "    USB 2-2: 5000 Mb/s, bcdUSB 3.20, SuperSpeed-capable yes, USB 3 port yes, transport bot (usb-storage), "
                "power 896 of 900 mA\n"
                "    partition table mbr\n"
                "    * /dev/sdb1  vfat FAT32  label \"<script>?[2J\"  start 1048576  mounted at /media/u/My Stick  "
                "free ? of ?\n") == 0);
  CHECK(en.find("/dev/sdc  ? ?  ?  bus ?  removable ?\n") != std::string::npos);
  const std::string zh = capture(vmstick_cmd("--lang zh_CN " + args), &rc);
  INFO(zh);
  CHECK(zh.find("* /dev/sdb  SanDisk Ultra  28.6 GiB  总线 usb  可移动 是\n") == 0);
  CHECK(zh.find("USB 2-2：5000 Mb/s，bcdUSB 3.20，支持 SuperSpeed：是") != std::string::npos);
  CHECK(zh.find("    分区表 mbr\n") != std::string::npos);
  CHECK(zh.find("卷标“<script>?[2J”  起始 1048576  挂载于 /media/u/My Stick  可用 ? / ?") != std::string::npos);
  for (const char* english : {"bus ", "removable", "partition table", "mounted at", " of "}) {
    CHECK(zh.find(english) == std::string::npos);
  }
}
