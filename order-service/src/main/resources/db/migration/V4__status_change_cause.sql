-- The cause of a step of an order's history is data beside its wording: the provider's decline code of a rejection,
-- and how a cancellation ended for the payment. Code reads these columns, never the reason text, which is for people.
alter table order_status_change add column decline_reason text;
alter table order_status_change add column cancellation text;

-- Steps stored before: their cause is read once from the wording order-service wrote for them (the only place that
-- ever parses it), so old orders answer the same as new ones.
update order_status_change
set decline_reason = case when reason like 'payment declined: %' then substr(reason, length('payment declined: ') + 1)
                          else reason end
where status = 'REJECTED';
update order_status_change
set cancellation = case reason when 'payment refunded' then 'REFUNDED'
                               when 'payment voided, nothing charged' then 'VOIDED'
                               else 'DECLINED' end
where status = 'CANCELLED';

alter table order_status_change add constraint order_status_change_decline_reason
    check ((status = 'REJECTED') = (decline_reason is not null));
alter table order_status_change add constraint order_status_change_cancellation
    check ((status = 'CANCELLED') = (cancellation is not null)
           and (cancellation is null or cancellation in ('REFUNDED', 'VOIDED', 'DECLINED')));
