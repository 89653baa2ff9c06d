// optlab: a command-line laboratory to run, compare and plot any optimizer of the workbook on any
// of its problems.
//
//   optlab list [problems|optimizers]
//   optlab run --problem rosenbrock --optimizer gd --lr 0.001 --steps 5000 --csv run.csv
//              --plot run.svg
//   optlab compare --problem beale --optimizers gd:lr=0.01,gd-armijo --steps 2000 --plot beale.svg
//   optlab run --problem logistic-regression --optimizer sgd --lr 0.1 --epochs 5 --batch-size 32
//              --schedule step --step-size 50 --gamma 0.5 --csv run.csv
//
// The optimizers, the problems and their settings come from the library's registry
// (workbook::registry()); this file knows none of them by name. See docs/optlab.md.
//
// Exit status: 0 when every run finished, 1 when a run diverged or failed, 2 for a mistake on the
// command line (reported before anything runs).
#include <CLI/CLI.hpp>
#include <iostream>

#include "lab.hpp"
#include "settings_flags.hpp"

namespace {

// The options `run` and `compare` share. Returns --steps, whose count says whether it was given.
CLI::Option* add_common_options(CLI::App& command, optlab::CommonOptions& options) {
  command.add_option("--problem,-p", options.problem, "the problem (see `optlab list`)")
      ->required()
      ->type_name("NAME");
  command
      .add_option("--x0", options.x0,
                  "start point, one number per variable (default: the problem's start)")
      ->type_name("A,B,...");
  CLI::Option* steps = command.add_option("--steps,-n", options.steps, "how many steps to take");
  steps->type_name("N")->capture_default_str();
  command
      .add_option("--tol", options.tol,
                  "stop as soon as |grad f| <= TOL (by default every step is taken)")
      ->type_name("TOL");
  command
      .add_option("--rtol", options.rtol,
                  "stop as soon as |grad f| <= RTOL |grad f(x0)|: on a quadratic, the relative "
                  "residual |r_k| / |r_0| of a linear solver such as cg")
      ->type_name("RTOL");
  command
      .add_option("--plot", options.plot,
                  "draw the loss (f - f* when f* is known) against the step into FILE; for a 2-D "
                  "problem also the path over the contour lines into FILE-path.svg (or .png)")
      ->type_name("FILE.svg|FILE.png");
  return steps;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"optlab: run, compare and plot any optimizer of the workbook on any problem.",
               "optlab"};
  app.require_subcommand(1, 1);
  app.footer(
      "Hyper-parameters follow torch.optim, with dashes: --weight-decay sets weight_decay.\n"
      "Exit status: 0 success, 1 a run diverged or failed, 2 a mistake on the command line.");

  CLI::App* list_command =
      app.add_subcommand("list", "the problems and the optimizers, with every setting");
  std::string what;
  list_command
      ->add_option("what", what,
                   "only the problems, only the optimizers, or only the samplers, schedules and "
                   "averages of training runs")
      ->check(CLI::IsMember({"problems", "optimizers", "training"}));

  CLI::App* run_command = app.add_subcommand(
      "run",
      "run one optimizer from a start point for --steps steps, or train it on minibatches for "
      "--epochs epochs; print a summary");
  optlab::RunOptions run_options;
  CLI::Option* run_steps = add_common_options(*run_command, run_options.common);
  run_command->add_option("--optimizer,-o", run_options.optimizer, "the optimizer")
      ->required()
      ->type_name("NAME");
  run_command
      ->add_option("--csv", run_options.csv,
                   "write every iterate: step,loss,grad_norm,x0,x1,... (17 significant digits); a "
                   "training run writes its steps, and its epochs into FILE-epochs.csv")
      ->type_name("FILE");
  const std::string figures_group = "Figures of a network problem (mlp-digits, cnn-digits)";
  run_command
      ->add_option("--plot-filters", run_options.figures.filters,
                   "draw the learned filters of the network's convolution, a small grey image each")
      ->type_name("FILE.png|FILE.svg")
      ->group(figures_group);
  run_command
      ->add_option("--plot-confusion", run_options.figures.confusion,
                   "draw the confusion matrix of the test split (true class x predicted class) as "
                   "a heat map with the counts")
      ->type_name("FILE.png|FILE.svg")
      ->group(figures_group);
  run_command
      ->add_option("--plot-misclassified", run_options.figures.misclassified,
                   "draw the misclassified test images (at most 24), each titled true -> predicted")
      ->type_name("FILE.png|FILE.svg")
      ->group(figures_group);
  const optlab::TrainingFlags training_flags(*run_command);
  const optlab::SettingFlags run_flags(*run_command, workbook::registry(), {"seed"});

  CLI::App* compare_command = app.add_subcommand(
      "compare", "run several optimizers from the same start; print a table, plot them together");
  optlab::CompareOptions compare_options;
  add_common_options(*compare_command, compare_options.common);
  compare_command
      ->add_option("--optimizers,-o", compare_options.optimizers,
                   "the optimizers, separated by commas, each NAME or NAME:KEY=VALUE:...; "
                   "e.g. gd:lr=0.01,gd-armijo:shrink=0.8. Hyper-parameter flags (--lr 0.01) apply "
                   "to every optimizer that takes them; NAME:KEY=VALUE overrides them for one")
      ->required()
      ->type_name("LIST");
  const optlab::SettingFlags compare_flags(*compare_command, workbook::registry());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help exits with 0; every mistake CLI11 finds is a usage error.
    return app.exit(error) == 0 ? optlab::exit_success : optlab::exit_usage;
  }

  try {
    if (*list_command) {
      optlab::list(std::cout, workbook::registry(), what);
      return optlab::exit_success;
    }
    if (*run_command) {
      run_options.common.steps_given = run_steps->count() > 0;
      run_options.training = training_flags.options();
      return optlab::run(run_options, {run_flags.given(), run_flags.extras()}, std::cout);
    }
    return optlab::compare(compare_options, {compare_flags.given(), compare_flags.extras()},
                           std::cout);
  } catch (const optlab::usage_error& error) {
    std::cerr << "optlab: " << error.what() << '\n';
    return optlab::exit_usage;
  } catch (const optlab::setup_error& error) {
    std::cerr << "optlab: " << error.what() << '\n';
    return optlab::exit_run_failed;
  } catch (const std::exception& error) {
    // Raised during a run: an exercise not implemented yet, a line search that gave up, ...
    std::cerr << "optlab: the run failed: " << error.what() << '\n';
    return optlab::exit_run_failed;
  }
}
