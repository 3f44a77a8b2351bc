using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Reads a <c>tags:</c> list and reports a name used twice in the same list.</summary>
internal static class TagListReader
{
    public static List<ModbusTagSpec> ReadModbus(ConfigSequence? list, string owner, Diagnostics d) =>
        Read(list, owner, d, ModbusTagSpec.Read, t => t.Name, t => t.Common.Location);

    public static List<OpcUaTagSpec> ReadOpcUa(ConfigSequence? list, string owner, Diagnostics d) =>
        Read(list, owner, d, OpcUaTagSpec.Read, t => t.Name, t => t.Common.Location);

    private static List<T> Read<T>(ConfigSequence? list, string owner, Diagnostics d, Func<ConfigMapping, string, Diagnostics, T?> read, Func<T, string> name, Func<T, SourceLocation> location)
        where T : class
    {
        var result = new List<T>();
        if (list is null)
        {
            return result;
        }

        foreach (var item in list.Items)
        {
            if (item is not ConfigMapping map)
            {
                d.Error(item.Location, $"each tag of {owner} must be a mapping such as '- {{ name: temperature, address: holding:100, type: float32 }}', not {item.Kind}");
                continue;
            }

            var tag = read(map, owner, d);
            if (tag is null)
            {
                continue;
            }

            var first = result.Find(t => name(t) == name(tag));
            if (first is not null)
            {
                var at = location(first);
                d.Error(location(tag), $"duplicate tag '{name(tag)}' in {owner}; it is already defined at line {at.Line} column {at.Column}; rename one of them");
                continue;
            }

            result.Add(tag);
        }

        return result;
    }
}
