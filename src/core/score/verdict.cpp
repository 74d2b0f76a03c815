// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/score/verdict.hpp"

namespace vmstick {

std::optional<StorageProfile> storage_profile_for(const FactSet& facts, NoProfile& why_not) {
  // The speed test's own figures beat any typical class: the model needs QD1
  // random 4 KiB rates and sequential rates, all measured on this drive.
  if (facts.bench) {
    const BenchFacts& b = *facts.bench;
    if (b.seq_read_mbps.is_known() && b.seq_write_mbps.is_known() && b.rand_read_qd1.is_known() &&
        b.rand_write_qd1.is_known()) {
      return StorageProfile{b.seq_read_mbps.value(), b.seq_write_mbps.value(), b.rand_read_qd1.value().median,
                            b.rand_write_qd1.value().median, true, "the speed test's figures for this drive", "measured"};
    }
  }
  if (!facts.target() && !facts.bench) {
    why_not = {"no_drive", "no drive was checked (use --drive)"};
    return std::nullopt;
  }
  if (const DriveFacts* d = facts.target()) {
    std::optional<double> link;
    if (d->usb.speed_mbps.is_known()) link = d->usb.speed_mbps.value();
    std::optional<bool> uas;
    if (d->usb.transport.is_known()) uas = d->usb.transport.value() == "uas";
    if (auto typical = typical_storage(link, uas)) return typical;
  }
  why_not = {"no_speed", "the drive's link speed is unknown and no speed test ran"};
  return std::nullopt;
}

Verdict make_verdict(const CheckResult& result, const Catalog& catalog) {
  Verdict v;
  v.worst = worst(result.findings);
  v.score = compute_score(result.findings, assessed_areas(result.facts), catalog);
  NoProfile why;
  if (auto storage = storage_profile_for(result.facts, why)) {
    // Unknown guest: the Windows profile, the heavier of the two we have.
    v.prediction = predict_boot(*storage, guest_profile_for(""));
  } else {
    v.no_prediction_code = why.code;
    v.no_prediction_reason = why.reason;
  }
  v.hypervisors = hypervisor_verdicts(result.facts, v.prediction);
  return v;
}

}  // namespace vmstick
