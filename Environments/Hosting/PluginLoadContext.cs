using System.Reflection;
using System.Runtime.Loader;

namespace AgentRL.Environments.Hosting;

/// <summary>
/// Loads one plug-in and its private dependencies in isolation, while the contract assemblies (AgentRL.*) and the
/// framework come from the silo, so the plug-in's environments implement the silo's own <see cref="IEnvironment"/>.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath) : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}")
{
    /// <summary>The assemblies a plug-in must share with the silo, so that its types implement the silo's contract.</summary>
    public static readonly IReadOnlySet<string> ContractAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AgentRL.Runtime",
        "AgentRL.Environments",
    };

    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && (ContractAssemblies.Contains(name) || IsShared(assemblyName)))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    /// <summary>Assemblies the silo already has (the framework among them) are shared rather than loaded twice.</summary>
    private static bool IsShared(AssemblyName name) =>
        Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name));
}
