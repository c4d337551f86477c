namespace AgentRL.Testing;

/// <summary>Polls a condition that the runtime makes true asynchronously (deactivation, timers).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMilliseconds = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMilliseconds = 10_000) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutMilliseconds);
}
