using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// What every comparison run starts from: a copy of the shared base model and a PPO trainer for it with the comparisons'
/// common settings (the rate decaying over 400 steps, trajectory-mean loss, the base model as the frozen KL reference).
/// </summary>
internal sealed class TrainingFromBase : IDisposable
{
    public TrainingFromBase(BaseModel baseModel, double learningRate, double kl, int tokenBudget)
    {
        Model = new PolicyModel(baseModel.Model.Config);
        Model.To(baseModel.Model.Device);
        Model.LoadStateDict(baseModel.Model.StateDict());
        var ppo = new PpoOptions
        {
            Schedule = new LearningRateSchedule(learningRate, 2, 400),
            KlCoefficient = kl,
            TokenBudget = tokenBudget,
            Aggregation = LossAggregation.TrajectoryMean,
        };
        // Nothing trains the base model: it is every run's reference.
        Trainer = new PolicyTrainer(Model, kl > 0 ? baseModel.Model : null, ppo, baseModel.Context.Tokenizer.Special.Padding);
    }

    public PolicyModel Model { get; }

    public PolicyTrainer Trainer { get; }

    public void Dispose()
    {
        Trainer.Dispose();
        Model.Dispose();
    }
}
