using System.Text;

namespace DataBridge.CodeGen.Parsing;

/// <summary>Splits the spec's CSV lines (comma separated, double-quoted fields may hold commas and doubled quotes).</summary>
internal static class Csv
{
    public static IEnumerable<string[]> ReadRows(string path, bool hasHeader)
    {
        var first = true;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            var line = raw.TrimStart('\uFEFF');
            if (first && hasHeader)
            {
                first = false;
                continue;
            }

            first = false;
            if (line.Length > 0)
            {
                yield return Split(line);
            }
        }
    }

    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
