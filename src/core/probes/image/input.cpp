// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/image/input.hpp"

#include <algorithm>
#include <cctype>

#include "core/probes/image/analyse.hpp"
#include "core/probes/image/vm_config.hpp"

namespace vmstick::image {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxFolderEntries = 2000;
constexpr std::size_t kMaxDisksAnalysed = 32;

std::string ext_of(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

bool is_disk_ext(const std::string& e) {
  return e == ".vdi" || e == ".vmdk" || e == ".vhd" || e == ".vhdx" || e == ".avhdx" || e == ".avhd" || e == ".qcow2" ||
         e == ".img" || e == ".raw" || e == ".iso";
}

std::vector<fs::path> list_dir(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end && out.size() < kMaxFolderEntries; it.increment(ec))
    out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::string> read_text(const fs::path& p, const FileOpener& opener) {
  auto src = opener.open(p);
  if (!src) return src.error();
  auto bytes = read_bytes(**src, 0, (*src)->size(), kMaxConfigBytes, "configuration file");
  if (!bytes) return bytes.error();
  return std::string(bytes->begin(), bytes->end());
}

// A libvirt domain XML is any .xml whose root element is <domain>.
bool looks_like_libvirt(const fs::path& p, const FileOpener& opener) {
  auto t = read_text(p, opener);
  return t && t->find("<domain") != std::string::npos;
}

template <class T>
Fact<T> from_opt(const std::optional<T>& v, const std::string& source, const std::string& why) {
  return v ? Fact<T>::known(*v, source) : Fact<T>::unknown(why);
}

// Hyper-V keeps disks in "Virtual Hard Disks" beside "Virtual Machines".
std::optional<fs::path> hyperv_disk(const fs::path& vmcx) {
  const fs::path dir = vmcx.parent_path();
  std::vector<fs::path> found;
  for (const fs::path& d : {dir, dir.parent_path(), dir.parent_path() / "Virtual Hard Disks", dir / "Virtual Hard Disks"})
    for (const auto& p : list_dir(d))
      if (ext_of(p) == ".avhdx" || ext_of(p) == ".vhdx") found.push_back(p);
  // The newest differencing disk (.avhdx) is the VM's current state.
  auto avhdx = std::find_if(found.begin(), found.end(), [](const fs::path& p) { return ext_of(p) == ".avhdx"; });
  if (avhdx != found.end()) return *avhdx;
  if (!found.empty()) return found.front();
  return std::nullopt;
}

void fill_disk(ImageFacts& f, const fs::path& disk, const FileOpener& opener, std::uint64_t* bytes_read) {
  f.disk_path = disk.string();
  auto r = analyse_image(disk, opener);
  if (!r) {
    const auto why = r.error();
    f.format = Fact<std::string>::unknown(why);
    f.virtual_size_bytes = Fact<std::uint64_t>::unknown(why);
    f.variant = Fact<std::string>::unknown(why);
    f.allocated_bytes = Fact<std::uint64_t>::unknown(why);
    return;
  }
  if (bytes_read) *bytes_read += r->bytes_read;
  const Layer& top = r->layers.front();
  const DiskInfo& d = top.disk;
  const std::string src = "image header of " + top.path;
  f.format = Fact<std::string>::known(d.format, src);
  f.virtual_size_bytes = Fact<std::uint64_t>::known(d.virtual_size, src);
  f.variant = Fact<std::string>::known(d.parent ? "differencing" : d.variant, src);
  f.allocation = Fact<std::string>::known(allocation_kind(d), src);
  if (d.allocated_bytes) f.allocated_bytes = Fact<std::uint64_t>::known(*d.allocated_bytes, "allocation table of " + top.path);
  else f.allocated_bytes = Fact<std::uint64_t>::unknown(d.format + " has no allocation table; how much a sparse file occupies depends on the filesystem");
  if (d.cluster_size) f.block_size_bytes = Fact<std::uint32_t>::known(d.cluster_size, src);
  else f.block_size_bytes = Fact<std::uint32_t>::unknown(d.format + " has no block size");
  std::vector<std::string> files, parents;
  std::uint64_t total = 0, largest = 0;
  for (const auto& layer : r->layers) {
    if (&layer != &top) parents.push_back(layer.path);
    for (const auto& file : layer.files) {
      files.push_back(file.path);
      total += file.size;
      largest = std::max(largest, file.size);
    }
  }
  f.files = Fact<std::vector<std::string>>::known(files, "image and its chain");
  f.file_count = Fact<std::uint32_t>::known(static_cast<std::uint32_t>(files.size()), "image and its chain");
  f.total_file_bytes = Fact<std::uint64_t>::known(total, "file sizes");
  f.largest_file_bytes = Fact<std::uint64_t>::known(largest, "file sizes");
  // The top layer is the one that grows (parents are read-only). A split
  // VMDK's extents each map at most 2 GiB of guest data (plus a few hundred
  // KiB of grain tables), whatever the virtual size.
  std::uint64_t reach = largest;
  if (d.format == "vmdk" && d.variant.starts_with("twoGbMaxExtent")) reach = std::max(reach, std::uint64_t{2} << 30);
  else if (allocation_kind(d) == "dynamic") reach = std::max(reach, d.virtual_size);
  f.largest_file_reach_bytes = Fact<std::uint64_t>::known(reach, d.format + " " + d.variant + " layout and file sizes");
  f.parent_chain = Fact<std::vector<std::string>>::known(parents, "parent references in the image headers");
  f.chain_state = Fact<std::string>::known(std::string(to_string(r->chain)), "parent references in the image headers");
  f.chain_detail = r->chain_detail;
  bool encrypted = false, compressed = false, repair = false;
  std::string encryption;
  for (const auto& layer : r->layers) {
    encrypted = encrypted || layer.disk.encrypted;
    if (encryption.empty()) encryption = layer.disk.encryption;
    compressed = compressed || layer.disk.compressed;
    if (layer.disk.needs_repair && !repair) {
      repair = true;
      f.repair_reason = layer.path + ": " + layer.disk.repair_reason;
    }
    for (const auto& n : layer.disk.notes) f.notes.push_back(layer.path + ": " + n);
  }
  f.encrypted = Fact<bool>::known(encrypted, src);
  if (encrypted) f.encryption = Fact<std::string>::known(encryption, src);
  f.compressed = Fact<bool>::known(compressed, src);
  f.needs_repair = Fact<bool>::known(repair, src);
}

void fill_config(ImageFacts& f, const VmConfig& c, const fs::path& config, const FileOpener& opener, std::uint64_t* bytes_read) {
  const std::string src = config.filename().string();
  const std::string none = "not set in " + src;
  f.config_kind = Fact<std::string>::known(c.kind, src);
  f.config_path = config.string();
  f.vm_name = from_opt(c.name, src, none);
  f.guest_os = from_opt(c.guest_os, src, none);
  f.ram_bytes = from_opt(c.ram_bytes, src, none);
  f.vcpus = from_opt(c.vcpus, src, none);
  f.firmware = from_opt(c.firmware, src, none);
  f.secure_boot = from_opt(c.secure_boot, src, c.kind == "vbox" ? "VirtualBox keeps Secure Boot in the VM's NVRAM file, not in the .vbox" : none);
  f.tpm = from_opt(c.tpm, src, none);
  f.guest_arch = from_opt(c.arch, src, none);
  std::vector<std::string> disks;
  for (const auto& d : c.disks) disks.push_back(d.path);
  f.disks = Fact<std::vector<std::string>>::known(disks, src);
  for (const auto& n : c.notes) f.notes.push_back(src + ": " + n);
  if (c.disks.empty()) {
    f.format = Fact<std::string>::unknown(src + " attaches no hard disk");
    return;
  }
  auto attach = [&](const VmDisk& vd, ImageFacts& into) {
    into.disk_controller = Fact<std::string>::known(vd.controller, src);
    fs::path disk = resolve_stored_path(vd.path, config.parent_path());
    if (!opener.exists(disk) && opener.exists(config.parent_path() / disk.filename())) {
      f.notes.push_back(src + ": disk " + vd.path + " not at its stored path; used the file of that name beside the config");
      disk = config.parent_path() / disk.filename();
    }
    fill_disk(into, disk, opener, bytes_read);
    if (c.encrypted.value_or(false) || vd.encrypted) {
      into.encrypted = Fact<bool>::known(true, src);
      into.encryption = Fact<std::string>::known(c.kind == "vbox" ? "virtualbox" : c.kind == "vmx" ? "vmware" : "luks", src);
    }
  };
  attach(c.disks.front(), f);
  // Each disk costs a bounded number of reads; a config naming hundreds of
  // disks (libvirt allows 1000) must not turn one check into minutes.
  const std::size_t analysed = std::min(c.disks.size(), kMaxDisksAnalysed);
  for (std::size_t i = 1; i < analysed; ++i) {
    ImageFacts other;
    other.path = c.disks[i].path;
    attach(c.disks[i], other);
    f.other_disks.push_back(std::move(other));
  }
  if (c.disks.size() > analysed) {
    f.notes.push_back(src + ": attaches " + std::to_string(c.disks.size()) + " disks; only the first " +
                      std::to_string(analysed) + " were analysed");
  }
}

}  // namespace

ImageFacts analyse_input(const fs::path& path, const FileOpener& opener, std::uint64_t* bytes_read) {
  ImageFacts f;
  f.path = path.string();
  std::error_code ec;
  fs::path target = path;
  if (fs::is_directory(path, ec)) {
    // A VM folder: its config first, else its first disk image.
    std::optional<fs::path> config, disk;
    for (const auto& p : list_dir(path)) {
      const std::string e = ext_of(p);
      if (!config && (e == ".vbox" || e == ".vmx" || e == ".vmcx" || (e == ".xml" && looks_like_libvirt(p, opener)))) config = p;
      if (!disk && is_disk_ext(e) && e != ".iso") disk = p;
    }
    if (!config) {
      for (const auto& sub : {path / "Virtual Machines"})
        for (const auto& p : list_dir(sub))
          if (!config && ext_of(p) == ".vmcx") config = p;
    }
    if (!config && !disk) disk = hyperv_disk(path / "x");
    if (!config && !disk) {
      f.format = Fact<std::string>::unknown("the folder " + path.string() + " holds no VM configuration (.vbox, .vmx, libvirt .xml, .vmcx) and no disk image");
      return f;
    }
    target = config ? *config : *disk;
  }
  const std::string e = ext_of(target);
  if (e == ".vmcx") {
    f.config_kind = Fact<std::string>::known("hyperv", target.filename().string());
    f.config_path = target.string();
    f.notes.push_back(target.string() + ": Hyper-V's .vmcx is a binary format without public documentation; analysed the .vhdx/.avhdx disk beside it instead, so RAM, vCPUs and firmware are unknown");
    const std::string why = "Hyper-V .vmcx cannot be read";
    f.ram_bytes = Fact<std::uint64_t>::unknown(why);
    f.vcpus = Fact<std::uint32_t>::unknown(why);
    f.firmware = Fact<std::string>::unknown(why);
    auto disk = hyperv_disk(target);
    if (!disk) {
      f.format = Fact<std::string>::unknown("no .vhdx or .avhdx found beside " + target.string());
      return f;
    }
    fill_disk(f, *disk, opener, bytes_read);
    return f;
  }
  if (e == ".vbox" || e == ".vmx" || (e == ".xml")) {
    auto text = read_text(target, opener);
    if (!text) {
      f.config_kind = Fact<std::string>::unknown(text.error());
      f.format = Fact<std::string>::unknown(text.error());
      return f;
    }
    auto cfg = e == ".vbox" ? parse_vbox(*text, target.string()) : e == ".vmx" ? parse_vmx(*text, target.string()) : parse_libvirt(*text, target.string());
    if (!cfg) {
      f.config_kind = Fact<std::string>::unknown(cfg.error());
      f.format = Fact<std::string>::unknown(cfg.error());
      return f;
    }
    fill_config(f, *cfg, target, opener, bytes_read);
    return f;
  }
  fill_disk(f, target, opener, bytes_read);
  return f;
}

}  // namespace vmstick::image
