// Webhook endpoints (/api/v1/webhooks/...): send a signed test event, list the account's
// deliveries and their attempts, read and rotate the account's signing secret. The outbox
// itself is webhooks::WebhookService.
#pragma once

#include "api/context.h"
#include "http/router.h"
#include "webhooks/webhook_service.h"

namespace shortlist::api {

// Adds the webhook routes to `router`. `ctx` and `service` must outlive the router.
void AddWebhookRoutes(const ApiContext& ctx, webhooks::WebhookService& service,
                      http::Router* router);

}  // namespace shortlist::api
