namespace AgentRL.Torch.Optim;

/// <summary>One parameter's AdamW state: the moment estimates and how many steps produced them.</summary>
public sealed record AdamWParameterState(Tensor ExpAvg, Tensor ExpAvgSq, long Step) : IDisposable
{
    public void Dispose()
    {
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
    }
}
