$ErrorActionPreference = 'Stop'
$body = @'
{"displayName": "PS role", "rolePermissions": [{"allowedResourceActions": ["Microsoft.CloudPC/DeviceImages/Read"]}]}
'@
Invoke-MgGraphRequest -Method POST -Uri 'https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions' -Body $body
