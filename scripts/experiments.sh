#!/usr/bin/env bash
# The paper's comparisons at a declared scale, one command per grid:
#   bash scripts/experiments.sh GRID [SCALE]      GRID: cnn2 | table1 | table4 | table3 | table5 | ablations | table2 | fig4 | precision | all
#   bash scripts/experiments.sh train_paper       the paper preset's policy training into results/train_paper, resumed if it has a checkpoint
#   bash scripts/experiments.sh train_demo        demonstration pre-training (results/pretrain_demo; DRAWS=6 environment draws) and
#                                                 PPO fine-tuning from it (configs/paper_finetune.json: the paper preset for 9,600
#                                                 MARL steps) into results/train_demo; both resume
#   bash scripts/experiments.sh ablations_paper   Table 2's ablations trained with the paper preset for 9,600 MARL steps
#                                                 (configs/paper_ablation_*.json) into results/train_paper_ablation_*; they resume
#   bash scripts/experiments.sh table2_paper [SCALE]  those ablations against train_paper's update-75 snapshot: the same
#                                                 preset after the same 9,600 steps (an equal-budget comparison)
#   bash scripts/experiments.sh train_gain        the paper preset with the validation-gain term added to the difference reward
#                                                 (configs/paper_gain.json, 9,600 MARL steps) into results/train_paper_gain: the
#                                                 proposed fix of the LR-0 trap (10_results), at the ablations' budget; it resumes
#   DEVICE=cuda bash scripts/experiments.sh train_resnet9   the Figure 4 policy (ResNet-9 / Fashion-MNIST, paper preset) into results/train_resnet9
#   SCALE: cpu (default; see ganno.evaluate.EVAL_SCALES for exactly what it reduces) | converged | paper | smoke
#   Re-running a grid after a new policy ships re-runs exactly GANNO's rows: records of another policy file are moved
#   to records.stale.jsonl and run again (ganno evaluate compares each record's policy_sha256 with the file's).
#   DEVICE=cuda runs the episodes (and trainings' inner networks) there; DRY_RUN=1 prints the commands instead of running them; ABLATIONS="lr timestep global" (default) picks the
#   ablations that the ablations and table2 grids train and evaluate.
# Every grid writes results/<name>/{config.json,records.jsonl}; re-running skips finished episodes,
# so an interrupted grid continues where it stopped. `ganno table DIR --methods ...` prints a table.
set -euo pipefail
grid=${1:?usage: experiments.sh GRID [SCALE]}; scale=${2:-cpu}
sfx=$([ "$scale" = cpu ] && echo "" || echo "_$scale")
LRS=1e-4,3e-4,1e-3,3e-3,1e-2; SEEDS=${SEEDS:-0,1,2}; PROCS=${PROCS:-2}
declare -A ABLATION_METHOD=([lr]=lr_only [timestep]=timestep_only [global]=single_agent) # ablation -> its method name in Table 2
ABL=${ABLATIONS:-lr timestep global}
for o in $ABL; do
  [[ -v ABLATION_METHOD[$o] ]] || { echo "unknown ablation '$o' in ABLATIONS: expected lr, timestep and/or global" >&2; exit 2; }
done
train_in() { local out=$1; shift # ganno train into folder $1, resumed when it holds a checkpoint; DEVICE picks where inner networks train
  set -- "$@" ${DEVICE:+--device "$DEVICE"}
  if [ -f "$out/checkpoint.pt" ]; then x ganno train "$@" --out "$out" --resume; else x ganno train "$@" --out "$out"; fi; }
# GANNO's rows: the shipped policies, ganno_demo joining ganno once it is shipped (POLICIES overrides, e.g. POLICIES=ganno)
if [ -z "${POLICIES:-}" ]; then # ganno.policy.SHIPPED['ganno_demo'] in the package's assets
  POLICIES=ganno; [ -f "$(dirname "$0")/../ganno/assets/ganno_demo_cnn2_fmnist.pt" ] && POLICIES=ganno,ganno_demo
fi
x() { if [ -n "${DRY_RUN:-}" ]; then echo "$*"; else "$@"; fi; }
ev() { x ganno evaluate --scale "$scale" --seeds "$SEEDS" --procs "$PROCS" ${DEVICE:+--device "$DEVICE"} "$@"; }
case $grid in
  cnn2)    # the training environment: the shipped policy vs a random agent vs the constant LR (issue 3)
           ev --env cnn2_fmnist --methods $POLICIES,ganno_sampled,random,constant --init-lrs 1e-4,1e-3,1e-2 \
              --weight-decay 0.01 --seeds 0,1,2,3,4 --out results/eval_cnn2_fmnist$sfx ;;
  table1)  ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs $LRS --out results/cnn5_cifar10_wd0.1$sfx \
              --methods $POLICIES,constant,linear,exponential,sgdr,lamb_cosine,lion,schedulefree,prodigy,dadapt_adam ;;
  table4)  ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs $LRS --out results/cnn5_cifar10_wd0.1$sfx \
              --methods $POLICIES,constant,linear,quadratic,cosine,exponential,step,sgdr ;;
  table3)  ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs $LRS --out results/cnn5_cifar10_wd0.1$sfx \
              --methods warmup_cosine,one_cycle
           ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs 0 --out results/cnn5_cifar10_wd0.1$sfx --methods $POLICIES ;;
  table5)  ev --env cnn5_cifar10 --weight-decay 1e-4 --init-lrs $LRS --out results/cnn5_cifar10_wd1e-4$sfx \
              --methods $POLICIES,constant,linear,exponential,sgdr,lamb_cosine,lion ;;
  precision) # bf16 autocast against fp32 on CNN-5 (03_bench): constant and SGDR from 1e-3, the same seeds, one folder per precision
           for pr in fp32 bf16; do
             ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs 1e-3 --methods constant,sgdr --precision $pr --out results/precision_cnn5_$pr$sfx
           done ;;
  ablations) # train the three ablations of Table 2 with the same cpu preset as GANNO (~50-75 min each here; ABLATIONS picks some);
           # the run folders stay in runs/ (checkpoints, TensorBoard), their results and policy are copied to results/train_ablation_*
           for o in $ABL; do
             x ganno train --config configs/ablation_$o.json --out runs/ablation_$o
             x mkdir -p results/train_ablation_$o
             x cp runs/ablation_$o/{config.json,progress.csv,episodes.jsonl,summary.json,policy.pt} results/train_ablation_$o/
           done ;;
  table2)  # the cpu-preset ablations vs the cpu-preset GANNO policy they share a budget with (results/train_cpu); ABLATIONS picks some
           ms=ganno=results/train_cpu/policy.pt; for o in $ABL; do ms+=",${ABLATION_METHOD[$o]}=results/train_ablation_$o/policy.pt"; done
           ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs $LRS --out results/cnn5_cifar10_wd0.1$sfx --methods "$ms" ;;
  fig4)    for wd in 0.01 0.1; do
             ev --env resnet18_cifar10 --weight-decay $wd --init-lrs 1e-3 --out results/resnet18_cifar10_wd$wd$sfx --methods $POLICIES,random,sgdr
           done ;;
  train_paper) # Appendix A's training (50,000 MARL steps, difference reward); runs for many hours on a CPU, so it resumes
           train_in results/train_paper --config paper ;;
  ablations_paper) # Table 2's ablations under the paper's method, each for 9,600 MARL steps = 75 updates, the budget of train_paper's
           # snapshots/update_0075.pt (the preset's PPO has no annealing, so that snapshot is exactly a 9,600-step paper run)
           for o in $ABL; do train_in results/train_paper_ablation_$o --config configs/paper_ablation_$o.json; done ;;
  train_resnet9) # Figure 4's source policy: the paper preset on ResNet-9 / Fashion-MNIST (configs/paper_resnet9.json); a decision costs
           # ~140 CNN-2 decisions on a CPU core (results/decision_cost.json), so run it where DEVICE=cuda is available; it resumes
           train_in results/train_resnet9 --config configs/paper_resnet9.json ;;
  train_gain) # beyond the paper: gain=1 makes an episode's rewards also sum to its final minus initial validation accuracy, which a
           # frozen network (every LR at 0, where the difference reward is exactly 0) does not earn; compare with train_paper's update-75 snapshot
           train_in results/train_paper_gain --config configs/paper_gain.json ;;
  table2_paper) # equal budget: GANNO after 9,600 steps (train_paper's update-75 snapshot) against the ablations after 9,600 steps
           ms=ganno=results/train_paper/snapshots/update_0075.pt
           for o in $ABL; do ms+=",${ABLATION_METHOD[$o]}=results/train_paper_ablation_$o/policy.pt"; done
           ev --env cnn5_cifar10 --weight-decay 0.1 --init-lrs $LRS --out results/cnn5_cifar10_wd0.1_ablations$sfx --methods "$ms" ;;
  train_demo) # ganno_demo: handcrafted schedules as demonstrations, cloned, then the paper's PPO from that policy (18_imitation)
           pre=results/pretrain_demo; out=results/train_demo
           x ganno pretrain --config paper --draws "${DRAWS:-6}" --procs "$PROCS" ${DEVICE:+--device "$DEVICE"} --out $pre
           train_in $out --config configs/paper_finetune.json --init $pre/policy.pt ;;
  all)     for g in cnn2 table1 table4 table3 table5 ablations table2 fig4; do bash "$0" $g "$scale"; done ;;
  *)       echo "unknown grid '$grid': expected cnn2, table1, table4, table3, table5, ablations, table2, fig4, precision, train_paper, ablations_paper, table2_paper, train_demo, train_gain, train_resnet9 or all" >&2; exit 2 ;;
esac
