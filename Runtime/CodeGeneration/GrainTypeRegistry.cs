using System.Reflection;
using System.Runtime.CompilerServices;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>
/// The process-wide table of grain interfaces and classes, filled by generated module initializers. Lookups run the
/// initializer of the interface's assembly on demand, so a reference can be created before a host scanned anything.
/// </summary>
public static class GrainTypeRegistry
{
    private static readonly object Gate = new();
    private static Dictionary<Type, GrainInterfaceDescriptor> _byType = [];
    private static Dictionary<uint, GrainInterfaceDescriptor> _byId = [];
    private static Dictionary<Type, GrainClassDescriptor> _classes = [];

    public static void Register(GrainInterfaceDescriptor descriptor)
    {
        lock (Gate)
        {
            if (_byId.TryGetValue(descriptor.Id, out var existing) && existing.InterfaceType != descriptor.InterfaceType)
            {
                throw new InvalidOperationException(
                    $"Grain interfaces {existing.Name} and {descriptor.Name} have the same wire id {descriptor.Id}; rename one of them.");
            }

            _byType = new Dictionary<Type, GrainInterfaceDescriptor>(_byType) { [descriptor.InterfaceType] = descriptor };
            _byId = new Dictionary<uint, GrainInterfaceDescriptor>(_byId) { [descriptor.Id] = descriptor };
        }
    }

    public static void Register(GrainClassDescriptor descriptor)
    {
        lock (Gate)
        {
            _classes = new Dictionary<Type, GrainClassDescriptor>(_classes) { [descriptor.GrainClass] = descriptor };
        }
    }

    public static GrainInterfaceDescriptor GetInterface(Type interfaceType)
    {
        if (_byType.TryGetValue(interfaceType, out var descriptor))
        {
            return descriptor;
        }

        RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        return _byType.TryGetValue(interfaceType, out descriptor)
            ? descriptor
            : throw new ArgumentException(
                $"{interfaceType.FullName} is not a known grain interface. Grain interfaces must derive from IGrainWithStringKey, " +
                "IGrainWithGuidKey or IGrainWithIntegerKey and be compiled with the AgentRL code generator.");
    }

    public static GrainInterfaceDescriptor? FindInterface(uint interfaceId) => _byId.GetValueOrDefault(interfaceId);

    public static IReadOnlyCollection<GrainClassDescriptor> Classes => _classes.Values;

    /// <summary>The one grain class implementing <paramref name="grainInterface"/>.</summary>
    public static GrainClassDescriptor ResolveClass(GrainInterfaceDescriptor grainInterface)
    {
        var matches = _classes.Values.Where(c => c.Interfaces.Contains(grainInterface.InterfaceType)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException(
                $"No grain class implementing {grainInterface.Name} is loaded in this silo. Reference the assembly that " +
                "contains it or add it with silo.AddGrainAssembly(...)."),
            _ => throw new InvalidOperationException(
                $"Several grain classes implement {grainInterface.Name} ({string.Join(", ", matches.Select(m => m.GrainClass.FullName))}); " +
                "give each its own interface."),
        };
    }

    /// <summary>
    /// Runs the generated registration of every assembly marked [GrainAssembly] among <paramref name="roots"/> and
    /// what they reference (framework assemblies skipped).
    /// </summary>
    public static void LoadFrom(IEnumerable<Assembly> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(roots);
        while (pending.TryDequeue(out var assembly))
        {
            var name = assembly.GetName().Name ?? string.Empty;
            if (!seen.Add(name) || IsFramework(name))
            {
                continue;
            }

            if (assembly.IsDefined(typeof(GrainAssemblyAttribute), inherit: false))
            {
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } referenceName && !seen.Contains(referenceName) && !IsFramework(referenceName))
                {
                    try
                    {
                        pending.Enqueue(Assembly.Load(reference));
                    }
                    catch (IOException)
                    {
                        // A reference that is not deployed cannot hold grains we could run.
                    }
                }
            }
        }
    }

    private static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) ||
        name.StartsWith("xunit", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "SQLitePCLRaw.core";
}
