using System.Reflection;

namespace AgentRL.Runtime.Hosting;

/// <summary>
/// The assemblies whose grains a silo hosts, with everything they reference: those added explicitly, the entry
/// assembly, and those already loaded.
/// </summary>
internal sealed class GrainAssemblies(Microsoft.Extensions.Options.IOptions<GrainAssemblyOptions> options)
{
    public IEnumerable<Assembly> Roots =>
        options.Value.Assemblies
            .Concat(new[] { Assembly.GetEntryAssembly() }.OfType<Assembly>())
            .Concat(AppDomain.CurrentDomain.GetAssemblies());
}
