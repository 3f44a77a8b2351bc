using System.Globalization;
using System.Text.Json;

namespace DataBridge.Connectors.Mqtt.Encoding.Json;

/// <summary>
/// A small JSONPath subset that picks one element out of a payload: <c>$</c> (the whole document), <c>.name</c>,
/// <c>['name with spaces']</c> and <c>[index]</c>. No wildcards, filters or recursion: one selector names one value.
/// </summary>
public sealed class JsonSelector
{
    /// <summary>Longest selector accepted.</summary>
    public const int MaxLength = 1024;

    private readonly Step[] _steps;

    private JsonSelector(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The selector as configured.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="selector"/>.</summary>
    /// <exception cref="JsonSelectorException">The selector is not in the supported subset; the message points at the character.</exception>
    public static JsonSelector Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.Length == 0 || selector[0] != '$')
        {
            throw new JsonSelectorException(selector, 0, "it must start with '$'");
        }

        if (selector.Length > MaxLength)
        {
            throw new JsonSelectorException(selector, MaxLength, $"it is longer than {MaxLength} characters");
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < selector.Length)
        {
            var c = selector[i];
            if (c == '.')
            {
                var start = ++i;
                while (i < selector.Length && IsNameChar(selector[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new JsonSelectorException(selector, start, "a name must follow '.' (letters, digits, '_' or '-'; use ['...'] for other characters)");
                }

                steps.Add(new Step(selector[start..i], -1));
            }
            else if (c == '[')
            {
                i++;
                if (i < selector.Length && selector[i] is '\'' or '"')
                {
                    var quote = selector[i];
                    var start = ++i;
                    var close = selector.IndexOf(quote, start);
                    if (close < 0)
                    {
                        throw new JsonSelectorException(selector, start - 1, $"the quoted name is not closed with {quote}");
                    }

                    i = close + 1;
                    Expect(selector, i, ']');
                    steps.Add(new Step(selector[start..close], -1));
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < selector.Length && char.IsAsciiDigit(selector[i]))
                    {
                        i++;
                    }

                    if (i == start || !int.TryParse(selector.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        throw new JsonSelectorException(selector, start, "'[' must be followed by an array index (0, 1, …) or a quoted name");
                    }

                    Expect(selector, i, ']');
                    steps.Add(new Step(null, index));
                    i++;
                }
            }
            else
            {
                throw new JsonSelectorException(selector, i, $"unexpected '{c}' (expected '.' or '[')");
            }
        }

        return new JsonSelector(selector, [.. steps]);
    }

    /// <summary>Finds the selected element in <paramref name="root"/>; false when a step is missing or has the wrong shape.</summary>
    public bool TrySelect(JsonElement root, out JsonElement element)
    {
        element = root;
        foreach (var step in _steps)
        {
            if (step.Name is not null)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step.Name, out element))
                {
                    return false;
                }
            }
            else if (element.ValueKind != JsonValueKind.Array || step.Index >= element.GetArrayLength())
            {
                return false;
            }
            else
            {
                element = element[step.Index];
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static void Expect(string selector, int i, char expected)
    {
        if (i >= selector.Length || selector[i] != expected)
        {
            throw new JsonSelectorException(selector, Math.Min(i, selector.Length), $"expected '{expected}'");
        }
    }

    private readonly record struct Step(string? Name, int Index);
}
