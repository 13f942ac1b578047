using System.Management.Automation;

namespace VaultTools.Commands
{
    /// <summary>
    /// On a plain-text value parameter: refuses anything that is not already a string (a SecureString, a PSCredential,
    /// a hashtable...), which PowerShell would otherwise turn into its type's name and store as the value.
    /// </summary>
    internal sealed class PlainTextOnlyAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is null || value is string)
            {
                return value!;
            }

            // The message names the type only, never the value.
            throw new ArgumentTransformationMetadataException(
                $"A plain-text value must be a string, not a {value.GetType().Name}: give a SecureString to -SecretValue instead, or convert the value to the text you mean to store first.");
        }
    }
}
