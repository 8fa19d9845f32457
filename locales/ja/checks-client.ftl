scan-status-iis-from-all = サーバーの IIS ログには、このうち { $seen } 台からの要求が記録されています ({ $answered } 台は 503 を受け取りました)。
scan-status-iis-from-some = サーバーの IIS ログには、このうち { $seen } 台からの要求が記録されています ({ $answered } 台は 503 を受け取りました)。{ $unseen } からの要求はありません。
