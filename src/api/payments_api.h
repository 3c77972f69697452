// Buying credits the way HireSquire's official clients do (billing/payments.h), beside the
// reference's Stripe Checkout:
//   POST /api/v1/credits/purchase        {pack | amount, payment_method_id}: a PaymentIntent
//                                        confirmed off-session with the saved card; credited once
//   POST /api/v1/credits/payment-intent  {amount | pack, payment_method_id?, return_url?}: a
//                                        PaymentIntent whose client_secret a browser confirms;
//                                        the Stripe webhook credits it
// Both need a user token and call Stripe (the slow-request pool).
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

// `ctx.payments` must be set and outlive the router.
void AddPaymentRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
