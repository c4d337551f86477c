namespace AgentRL.Torch.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void IntraOpThreadsDefaultToOneOrTheEnvironmentsChoice()
    {
        // The shim sets this when it loads (OpenBLAS already runs products on every core); nothing in the tests changes it.
        var configured = Environment.GetEnvironmentVariable("AGENTRL_TORCH_THREADS");
        var expected = int.TryParse(configured, out var threads) && threads > 0 ? threads : 1;

        Assert.Equal(expected, TorchRuntime.Threads);
    }
}
