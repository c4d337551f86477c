using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentRL.Grains.Tests;

/// <summary>
/// `agentrl silo` as a separate process on a loopback port (alone, or joining a cluster), so a test can kill it the way a
/// machine dies (SIGKILL: no shutdown code runs, nothing is flushed) and start another on the same data folder.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private SiloProcess(Process process, int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        Gateway = $"127.0.0.1:{port}";
    }

    public string Gateway { get; }

    /// <summary>What the process printed (its warnings and errors), for a failing test to show.</summary>
    public string Output => string.Join('\n', _output);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts `agentrl silo --data <paramref name="dataFolder"/> --port <paramref name="port"/>` plus <paramref name="arguments"/>.</summary>
    public static async Task<SiloProcess> StartAsync(string dataFolder, int port, params string[] arguments)
    {
        // The same dotnet host that runs the tests (testhost runs under it), else the one on PATH.
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "agentrl.dll"), "silo", "--data", dataFolder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.StartsWith("silo ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The silo process did not become ready:\n{string.Join('\n', output)}");
        }

        return new SiloProcess(process, port, output);
    }

    /// <summary>SIGKILL, then wait until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
