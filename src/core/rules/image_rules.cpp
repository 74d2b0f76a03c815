// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the VM image and its configuration: which hypervisors open it,
// how to convert it for the others, which variant suits a stick, and what the
// VM asks of the host.
#include <filesystem>

#include "core/rules/image_support.hpp"
#include <fmt/format.h>

#include "core/rules/rule.hpp"

namespace vmstick {
namespace {

std::string gib(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

// The variants our probes name in plain words get the reader's words; VMDK
// create types ("monolithicSparse") and "ISO 9660" are names and stay.
std::string variant_words(const std::string& variant) {
  for (std::string_view v : {"dynamic", "fixed", "differencing"}) {
    if (variant == v) return phrase("variant." + variant);
  }
  return variant;
}

Evidence base_evidence(const ImageFacts& i) {
  Evidence ev{{"path", i.disk_path.empty() ? i.path : i.disk_path}};
  if (i.format.is_known()) ev.emplace_back("format", i.format.value());
  if (i.variant.is_known()) ev.emplace_back("variant", variant_words(i.variant.value()));
  return ev;
}

// A finding about one of the other disks names that disk, so two disks with
// the same problem stay two findings.
std::string subject_of(const ImageFacts& boot, const ImageFacts& disk, const std::string& boot_subject) {
  return &disk == &boot ? boot_subject : boot_subject + " (" + disk.path + ")";
}

void readable(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  for (const ImageFacts* d : every_disk(*facts.image)) {
    if (d->format.is_known()) continue;
    Evidence ev{{"path", d->path}, {"reason", d->format.reason()}};
    sink.add("image.unreadable", d->path, std::move(ev));
  }
}

void hypervisors(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  const ImageFacts& boot = *facts.image;
  for (const ImageFacts* d : every_disk(boot)) {
    if (!d->format.is_known()) continue;
    // Another disk in the boot disk's format converts the same way; only a
    // disk in another format needs its own advice.
    if (d != &boot && boot.format.is_known() && d->format.value() == boot.format.value()) continue;
    const ImageFacts& i = *d;
    const auto support = image_rules::hypervisor_support(i);
    // The boot disk's command also converts the other disks in its format,
    // one after the other, so the user can paste one line.
    std::vector<std::vector<image_rules::Support>> siblings;
    if (d == &boot) {
      for (const auto& other : boot.other_disks) {
        if (other.format.is_known() && other.format.value() == boot.format.value())
          siblings.push_back(image_rules::hypervisor_support(other));
      }
    }
    std::vector<std::string> native;
    for (const auto& s : support) {
      if (s.native) {
        native.push_back(s.hypervisor);
        continue;
      }
      std::string command = s.command;
      for (const auto& sibling : siblings) {
        for (const auto& o : sibling)
          if (o.hypervisor == s.hypervisor && !o.native) command += " && " + o.command;
      }
      Evidence ev = base_evidence(i);
      ev.emplace_back("hypervisor", s.hypervisor);
      ev.emplace_back("why", s.why);
      ev.emplace_back("command", command);
      sink.add("image.convert_for_hypervisor", subject_of(boot, i, s.hypervisor), std::move(ev));
    }
    if (!native.empty()) {
      Evidence ev = base_evidence(i);
      ev.emplace_back("hypervisors", phrase_list(native));
      sink.add("image.opens_natively", i.path, std::move(ev));
    }
  }
}

// FAT32 cannot store a file of 4 GiB or more; whether the stick is FAT32 is
// the drive rules' business, the split advice is ours.
void large_file(const ImageFacts& i, FindingSink& sink) {
  if (!i.largest_file_bytes.is_known() || i.largest_file_bytes.value() < (std::uint64_t{4} << 30)) return;
  Evidence big = base_evidence(i);
  big.emplace_back("largest", gib(i.largest_file_bytes.value()));
  big.emplace_back("command", image_rules::split_command(i));
  sink.add("image.large_single_file", i.path, std::move(big));
}

void variant(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  // Growth of the other disks is counted by the free-space rule; their
  // variant alone is not worth a finding each.
  for (const auto& other : facts.image->other_disks) large_file(other, sink);
  if (!facts.image->allocation.is_known()) return;
  const ImageFacts& i = *facts.image;
  Evidence ev = base_evidence(i);
  if (i.virtual_size_bytes.is_known()) ev.emplace_back("virtual", gib(i.virtual_size_bytes.value()));
  if (i.format.is("iso")) return;
  if (i.allocation.is("dynamic")) {
    ev.emplace_back("allocated", i.allocated_bytes.is_known() ? gib(i.allocated_bytes.value()) : phrase("value.unknown_amount"));
    sink.add("image.dynamic_grows", i.path, std::move(ev));
  } else {
    sink.add("image.fixed_size", i.path, std::move(ev));
  }
  large_file(i, sink);
}

void chain(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  for (const ImageFacts* d : every_disk(*facts.image)) {
    const ImageFacts& i = *d;
    if (!i.chain_state.is_known()) continue;
    Evidence ev = base_evidence(i);
    ev.emplace_back("detail", i.chain_detail);
    if (i.chain_state.is("complete")) {
      ev.emplace_back("count", std::to_string(i.parent_chain.is_known() ? i.parent_chain.value().size() : 0));
      sink.add("image.differencing_chain", i.path, std::move(ev));
    } else if (!i.chain_state.is("none")) {
      // The probe's state codes (analyse.hpp) each have a phrase.
      ev.emplace_back("state", phrase("chain_state." + i.chain_state.value()));
      sink.add("image.chain_broken", i.path, std::move(ev));
    }
  }
}

void condition(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  for (const ImageFacts* d : every_disk(*facts.image)) {
    const ImageFacts& i = *d;
    if (i.encrypted.is(true)) {
      Evidence ev = base_evidence(i);
      ev.emplace_back("encryption", i.encryption.is_known() ? i.encryption.value() : phrase("value.unknown_encryption"));
      sink.add("image.encrypted", i.path, std::move(ev));
    }
    if (i.needs_repair.is(true)) {
      Evidence ev = base_evidence(i);
      ev.emplace_back("reason", i.repair_reason);
      sink.add("image.needs_repair", i.path, std::move(ev));
    }
  }
  const ImageFacts& i = *facts.image;
  if (i.config_kind.is("hyperv")) sink.add("image.hyperv_config_unreadable", i.config_path, {{"config", i.config_path}, {"disk", i.disk_path}});
}

void vm_demands(const FactSet& facts, FindingSink& sink) {
  if (!facts.image) return;
  const ImageFacts& i = *facts.image;
  const std::string vm = i.vm_name.is_known() ? i.vm_name.value() : i.path;
  if (i.vcpus.is_known() && facts.host.logical_cpus.is_known() && i.vcpus.value() > facts.host.logical_cpus.value()) {
    sink.add("image.more_vcpus_than_host", vm,
             {{"vm", vm}, {"vcpus", std::to_string(i.vcpus.value())}, {"host_cpus", std::to_string(facts.host.logical_cpus.value())}});
  }
  // The host needs about a quarter of its memory for itself; a VM that takes
  // more makes both swap.
  if (i.ram_bytes.is_known() && facts.host.ram_bytes.is_known() && facts.host.ram_bytes.value() > 0 &&
      i.ram_bytes.value() > facts.host.ram_bytes.value() / 4 * 3) {
    auto gib = [](std::uint64_t b) { return fmt::format("{:.1f} GiB", static_cast<double>(b) / (1u << 30)); };
    sink.add("image.more_ram_than_host", vm,
             {{"vm", vm},
              {"vm_ram", gib(i.ram_bytes.value())},
              {"host_ram", gib(facts.host.ram_bytes.value())},
              {"suggested_ram", gib(facts.host.ram_bytes.value() / 2)}});
  }
  if (i.tpm.is(true)) sink.add("image.needs_tpm", vm, {{"vm", vm}});
  if (i.secure_boot.is(true)) sink.add("image.needs_secure_boot", vm, {{"vm", vm}});
}

}  // namespace

void register_image_rules(RuleRegistry& registry) {
  registry.add(Rule{"image.readable", {"image.unreadable"}, readable});
  registry.add(Rule{"image.hypervisors", {"image.opens_natively", "image.convert_for_hypervisor"}, hypervisors});
  registry.add(Rule{"image.variant", {"image.dynamic_grows", "image.fixed_size", "image.large_single_file"}, variant});
  registry.add(Rule{"image.chain", {"image.differencing_chain", "image.chain_broken"}, chain});
  registry.add(Rule{"image.condition", {"image.encrypted", "image.needs_repair", "image.hyperv_config_unreadable"}, condition});
  registry.add(Rule{"image.vm_demands", {"image.more_vcpus_than_host", "image.more_ram_than_host", "image.needs_tpm", "image.needs_secure_boot"}, vm_demands});
}

}  // namespace vmstick
