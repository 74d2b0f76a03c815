// SPDX-License-Identifier: GPL-3.0-or-later
// gui_startup: how fast the desktop app appears, how much memory it holds
// when idle, and how long the UI thread ever stalls while probes run.
//
//   gui_startup [RUNS]      (QT_QPA_PLATFORM=offscreen, or under xvfb-run)
//
// Each figure is measured for vmstick's main window and, in the same run, for
// a peer: the smallest Qt Widgets program (one QLabel), so the ratio shows
// what vmstick adds on top of Qt itself on this machine.
// Targets: first paint <= 400 ms, idle RSS <= 80 MB, longest stall <= 50 ms.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/main_window.hpp"

using namespace vmstick;

namespace {

// Paint events reach the window's children, so watch the whole tree.
class FirstPaint : public QObject {
 public:
  bool eventFilter(QObject*, QEvent* e) override {
    if (e->type() == QEvent::Paint && !seen) {
      seen = true;
      std::printf("painted\n");
      std::fflush(stdout);
      QTimer::singleShot(0, qApp, [] { QApplication::exit(0); });
    }
    return false;
  }
  bool seen{false};
};

double rss_mb() {
  // Linux only, like this benchmark's figures; elsewhere it prints -1.
  QFile f(QStringLiteral("/proc/self/status"));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray& line : f.readAll().split('\n'))
    if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
  return -1;
}

std::unique_ptr<QWidget> make_window(bool peer) {
  if (peer) return std::make_unique<QLabel>(QStringLiteral("peer"));
  auto w = std::make_unique<gui::MainWindow>(make_platform_backend(),
                                             PathStore(std::string(VMSTICK_FIXTURES) + "/intel-vmx"), Lang::en);
  return w;
}

// Child: show the window, print "painted" at its first paint, exit.
int child_paint(bool peer) {
  FirstPaint watch;
  qApp->installEventFilter(&watch);
  auto w = make_window(peer);
  w->show();
  if (!peer) static_cast<gui::MainWindow*>(w.get())->start_check();
  return QApplication::exec();
}

// Child: the window after its check, idle for a second; print RSS in MB.
int child_rss(bool peer) {
  auto w = make_window(peer);
  w->show();
  if (!peer) {
    auto* mw = static_cast<gui::MainWindow*>(w.get());
    QSignalSpy done(mw, &gui::MainWindow::check_finished);
    mw->start_check();
    if (!done.wait(20000)) return 1;
  }
  QTimer::singleShot(1000, qApp, [] { QApplication::exit(0); });
  QApplication::exec();
  std::printf("%.1f\n", rss_mb());
  return 0;
}

// In-process: the longest gap between 1 ms timer ticks on the UI thread while
// `checks` checks run back to back (probes, rules, rendering of results).
double longest_stall_ms(int checks) {
  gui::MainWindow w(make_platform_backend(), PathStore(std::string(VMSTICK_FIXTURES) + "/intel-vmx"), Lang::en);
  w.show();
  QElapsedTimer clock;
  clock.start();
  qint64 last = clock.nsecsElapsed(), worst = 0;
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(1);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    worst = std::max(worst, now - last);
    last = now;
  });
  // One warm-up check first: the first paint and font loading belong to
  // startup (measured above), not to "the UI during a probe run".
  int left = checks + 1;
  bool measuring = false;
  QObject::connect(&w, &gui::MainWindow::check_finished, [&] {
    if (!measuring) {
      QTimer::singleShot(300, &w, [&] {
        measuring = true;
        last = clock.nsecsElapsed();
        worst = 0;
        tick.start();
        w.start_check();
      });
      --left;
      return;
    }
    if (--left > 0) w.start_check();
    else QApplication::exit(0);
  });
  w.start_check();
  QApplication::exec();
  return static_cast<double>(worst) / 1e6;
}

// The UI thread's own work per result (rendering facts, findings, verdict),
// without the scheduler's share: separates "we block the UI" from "the
// machine was busy".
double longest_render_ms(int times) {
  gui::MainWindow w(make_platform_backend(), PathStore(std::string(VMSTICK_FIXTURES) + "/intel-vmx"), Lang::en);
  w.show();
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  if (!done.wait(20000)) return -1;
  const CheckResult result = w.last_result();
  double worst = 0;
  for (int i = 0; i < times; ++i) {
    QElapsedTimer t;
    t.start();
    w.show_result(result);
    worst = std::max(worst, static_cast<double>(t.nsecsElapsed()) / 1e6);
  }
  return worst;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? -1 : v[v.size() / 2];
}

double spawn_ms(const QString& mode) {
  QProcess p;
  QElapsedTimer t;
  t.start();
  p.start(QCoreApplication::applicationFilePath(), {mode});
  if (!p.waitForStarted(5000)) return -1;
  while (!p.canReadLine() && p.state() == QProcess::Running) p.waitForReadyRead(5000);
  const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
  const bool painted = p.readLine().trimmed() == "painted";
  p.waitForFinished(20000);
  return painted ? ms : -1;
}

double spawn_value(const QString& mode) {
  QProcess p;
  p.start(QCoreApplication::applicationFilePath(), {mode});
  if (!p.waitForFinished(30000)) return -1;
  return p.readAllStandardOutput().trimmed().toDouble();
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("vmstick-bench"));
  const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
  if (mode == QLatin1String("--paint")) return child_paint(false);
  if (mode == QLatin1String("--paint-peer")) return child_paint(true);
  if (mode == QLatin1String("--rss")) return child_rss(false);
  if (mode == QLatin1String("--rss-peer")) return child_rss(true);
  const int runs = std::max(1, mode.toInt() > 0 ? mode.toInt() : 7);

  std::vector<double> paint, paint_peer;
  for (int i = 0; i < runs; ++i) {
    paint.push_back(spawn_ms(QStringLiteral("--paint")));
    paint_peer.push_back(spawn_ms(QStringLiteral("--paint-peer")));
  }
  const double p = median(paint), pp = median(paint_peer);
  const double rss = spawn_value(QStringLiteral("--rss")), rss_peer = spawn_value(QStringLiteral("--rss-peer"));
  const double stall = longest_stall_ms(20);
  const double render = longest_render_ms(20);
  std::printf("platform: %s, runs: %d (medians); figures are wall-clock, so other load on the machine adds to them\n",
              qPrintable(QGuiApplication::platformName()), runs);
  std::printf("start to first paint: vmstick %.0f ms, peer (one QLabel) %.0f ms, ratio %.2f  [target <= 400 ms: %s]\n",
              p, pp, pp > 0 ? p / pp : 0.0, p <= 400 ? "met" : "MISSED");
  std::printf("idle RSS after a check: vmstick %.1f MB, peer %.1f MB, ratio %.2f  [target <= 80 MB: %s]\n", rss,
              rss_peer, rss_peer > 0 ? rss / rss_peer : 0.0, rss <= 80 && rss > 0 ? "met" : "MISSED");
  std::printf("longest UI-thread stall over 20 checks: %.1f ms  [target <= 50 ms: %s]\n", stall,
              stall <= 50 ? "met" : "MISSED");
  std::printf("of which UI-thread work per result (longest of 20 renders): %.1f ms\n", render);
  return 0;
}
