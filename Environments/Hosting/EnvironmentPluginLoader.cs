using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AgentRL.Environments.Hosting;

/// <summary>
/// Finds plug-in environments in a folder. A plug-in that cannot be loaded (not an assembly, missing dependencies, a
/// constructor that throws, a name already taken) is reported and skipped; it never stops the silo.
/// </summary>
internal static partial class EnvironmentPluginLoader
{
    public static IEnumerable<EnvironmentRegistration> Load(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(logger, folder);
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (PluginLoadContext.ContractAssemblies.Contains(name))
            {
                // A copy of the contract shipped next to a plug-in: the silo's own is used instead.
                continue;
            }

            List<EnvironmentRegistration> found;
            try
            {
                found = Inspect(path);
            }
            catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException or TargetInvocationException or MissingMethodException or InvalidOperationException)
            {
                LogBrokenPlugin(logger, exception, path, exception.Message);
                continue;
            }

            foreach (var registration in found)
            {
                LogLoaded(logger, registration.Name, path);
                yield return registration;
            }
        }
    }

    private static List<EnvironmentRegistration> Inspect(string path)
    {
        var context = new PluginLoadContext(Path.GetFullPath(path));
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        var registrations = new List<EnvironmentRegistration>();
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.IsAbstract || !typeof(IEnvironment).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is not { } constructor)
            {
                continue;
            }

            // Instantiate once now, so a plug-in whose constructor fails is rejected at start-up, not mid-run.
            var name = ((IEnvironment)constructor.Invoke(null)).Name;
            registrations.Add(new EnvironmentRegistration(name, _ => (IEnvironment)constructor.Invoke(null), $"plug-in {path}"));
        }

        if (registrations.Count == 0)
        {
            throw new InvalidOperationException("it contains no public IEnvironment with a public parameterless constructor");
        }

        return registrations;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The environment plug-in folder {Folder} does not exist")]
    private static partial void LogMissingFolder(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping environment plug-in {Path}: {Reason}")]
    private static partial void LogBrokenPlugin(ILogger logger, Exception exception, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded environment '{Name}' from plug-in {Path}")]
    private static partial void LogLoaded(ILogger logger, string name, string path);
}
