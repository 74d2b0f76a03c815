// SPDX-License-Identifier: GPL-3.0-or-later
// run_check: probes in order, then rules; a cancel stops before the next probe
// and marks the result incomplete, also when it arrives inside the last probe.
#include <catch2/catch.hpp>

#include "core/engine/check.hpp"

using namespace vmstick;

namespace {

// Records that it ran; optionally cancels the run from inside, the way a
// Ctrl+C lands while the speed test is writing.
class RecordingProbe final : public Probe {
 public:
  RecordingProbe(std::string name, std::vector<std::string>& ran, CancelToken* cancel_inside)
      : name_(std::move(name)), ran_(ran), cancel_inside_(cancel_inside) {}
  std::string_view name() const override { return name_; }
  void run(const ProbeContext&, FactSet&) const override {
    ran_.push_back(name_);
    if (cancel_inside_ != nullptr) cancel_inside_->cancel();
  }

 private:
  std::string name_;
  std::vector<std::string>& ran_;
  CancelToken* cancel_inside_;
};

struct Run {
  std::vector<std::string> ran;
  std::vector<std::string> progress_steps;
  CheckResult result;
};

Run run_with(const std::vector<std::string>& names, const std::string& cancelling) {
  Run out;
  CancelToken cancel;
  ProbeRegistry probes;
  for (const auto& n : names)
    probes.add(std::make_unique<RecordingProbe>(n, out.ran, n == cancelling ? &cancel : nullptr));
  const PathStore paths;
  const CheckRequest request;
  const ProbeContext ctx{paths, request, cancel,
                         [&out](std::string_view step, double) { out.progress_steps.emplace_back(step); }};
  const RuleRegistry rules;
  out.result = run_check(probes, rules, Catalog::builtin(), ctx, "test");
  return out;
}

}  // namespace

TEST_CASE("run_check runs every probe in order and reports progress for each, then the rules") {
  const Run r = run_with({"host", "drive", "image"}, "");
  CHECK(r.ran == std::vector<std::string>{"host", "drive", "image"});
  CHECK(r.progress_steps == std::vector<std::string>{"host", "drive", "image", "rules"});
  CHECK_FALSE(r.result.cancelled);
  CHECK(r.result.backend == "test");
}

TEST_CASE("a cancel inside a probe stops the run before the next probe") {
  const Run r = run_with({"host", "drive", "image"}, "drive");
  CHECK(r.ran == std::vector<std::string>{"host", "drive"});
  CHECK(r.result.cancelled);
}

TEST_CASE("a cancel inside the last probe still marks the result cancelled") {
  // The speed test runs last; its partial figures must not read as complete.
  const Run r = run_with({"host", "bench"}, "bench");
  CHECK(r.ran == std::vector<std::string>{"host", "bench"});
  CHECK(r.result.cancelled);
}
