using AgentRL.Learning.Benchmarks;
using AgentRL.Torch;

// Learning benchmarks on two cores, without grains:
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- grpo [--algo grpo|gigpo|ppo|oprl|archer --minutes 15 --demos 300 --noise 0.3 --bc-epochs 6 --dagger-rounds 2 --dagger-episodes 300 --dagger-epochs 3 --dagger-label-noise 0 --base-cache DIR --step-limit 64 --train-step-limit 32 --max-turns 0 --stall-turns 0 --lr 5e-4 --warmup-steps 20 --decay-steps 400 --kl 0 --std 0|1 --trajectory-mean 1|0 --success-tokens 0|1 --invalid-penalty 1 --revisit-penalty 0.2 --progress-shaping 0 --negative-scale 1 --progress-blame 1 --tasks 16 --group 8 --seed 4 --overlap 0|1 --decoupled 0|1 --recovery-noise 0 --replay 0 --entropy 0 --balance 0|1 --balance-floor 0.1 --balance-by-share 1|0 --reward score|success|return --demo-starts 0 --failure-starts 0 --failure-depth 16 --success-replay 0 --success-replays 2 --success-age 8 --value-lr 1e-4 --gae-lambda 0.95 --value-epochs 2 --step-discount 0.95 --step-group-weight 1 --average 0 --by-mission 0|1 --show-failures 0|1 --temperatures 0.7,0.5 --validation-tasks 200 --final-tasks 1000 --save DIR]
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- base-models [gridworld] [shop] [search] [--tasks 50]
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- compare --env search|search-small|shop|shop-numbered|gridworld|number-guess [--methods grpo,igpo --seeds 3 --first-seed 1 --episodes 640 --evaluate-every 128 --target 0.5 --tasks 8 --group 8 --validation-tasks 100 --critic-steps 50 --warmup 2 --prm-lr 1e-4 --igpo-epsilon 1e-6 --out artifacts/bench --base-cache DIR --continue-epochs 0 --metric success|score --device cpu|cuda|auto --preset compact --bc-batch 32 --bc-lr 2e-3 --vocab 512 --bucket 0|1 --space-arguments 0|1 --show-episodes 0 --show-chars 400]
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- go-explore [--methods grpo,go-explore,bonus,novelty,go-explore+bonus --base-cache DIR --train-step-limit 2048 --seeds 3 --episodes 1024 --evaluate-every 512 --levels 8 --tasks 4 --group 8 --explore-turns 64 --explore-fraction 0.75 --demos 100 --noise 0.3 --bc-epochs 4 --bonus 0.01 --name go-explore-gridworld-hard --out artifacts/bench]
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- device-check [--device cuda --check-preset small --presets compact,small,base --rounds 3]
//   dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks -- plot --csv artifacts/bench/sample-efficiency-search.csv --env search --target 0.5 [--metric success|score]
var mode = args.Length > 0 ? args[0] : "grpo";
var options = new Arguments(args);
TorchRuntime.Threads = options.Get("--threads", 1);
TorchRuntime.ManualSeed(1);
switch (mode)
{
    case "grpo":
        GrpoGridworld.Run(options);
        break;
    case "compare":
        SampleEfficiency.Run(options);
        break;
    case "go-explore":
        GoExploreComparison.Run(options);
        break;
    case "plot":
        SampleEfficiency.Replot(options);
        break;
    case "device-check":
        return DeviceCheck.Run(options);
    case "base-models":
        BaseModelCoverage.Run(options, options.Words());
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}': use 'grpo', 'compare', 'go-explore', 'plot', 'base-models' or 'device-check'.");
        return 2;
}

return 0;
