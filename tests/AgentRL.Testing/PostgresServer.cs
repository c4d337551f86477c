using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentRL.Testing;

/// <summary>
/// A private PostgreSQL server on loopback for one test class: a fresh data folder, a free port, trust authentication,
/// no fsync. It uses Debian's server binaries (scripts/setup.sh installs the `postgresql` package); as root it runs the
/// server as the `postgres` user, which PostgreSQL insists on. Disposing stops it and deletes the data.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresServer(TempDirectory folder, string bin, bool asPostgresUser, int port)
    {
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=agentrl;Database=postgres;Pooling=true;Timeout=5";
    }

    public string ConnectionString { get; }

    private string DataDirectory => _folder.File("data");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server is not installed (Debian package `postgresql`): run ./scripts/setup.sh.");
        }

        var folder = new TempDirectory();
        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres", folder.Path]);
            // The server needs to reach its data folder through the temp folders above it.
            await RunAsync("chmod", ["o+x", Path.GetDirectoryName(folder.Path)!]);
        }

        var port = FreePort();
        var server = new PostgresServer(folder, bin, asPostgresUser, port);
        try
        {
            await server.PostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "agentrl", "-A", "trust", "--no-sync", "-E", "UTF8"]);
            await server.PostgresAsync("pg_ctl", ["-D", server.DataDirectory, "-w", "-t", "30", "-l", folder.File("server.log"),
                "-o", $"-p {port} -k {folder.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", "start"]);
        }
        catch
        {
            folder.Dispose();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private Task PostgresAsync(string program, IReadOnlyList<string> arguments) => _asPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
        : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
